package com.telemed.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules every service keeps: a feature's core never depends on its adapters ({@code web},
 * {@code events}, {@code listener}); adapters depend on the core; and no two features (the packages right under a
 * service's base package, with their sub-packages) depend on each other in a cycle.
 */
public final class ArchitectureRules {

    public static final String[] ADAPTER_PACKAGES = { "..web..", "..events..", "..listener.." };

    private ArchitectureRules() {
    }

    public static JavaClasses importMain(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    public static ArchRule coreDoesNotDependOnAdapters(String basePackage) {
        return noClasses()
                .that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages(ADAPTER_PACKAGES)
                .and().resideOutsideOfPackage(basePackage + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        basePackage + "..web..", basePackage + "..events..", basePackage + "..listener..")
                .allowEmptyShould(true)
                .because("adapters depend on the feature core, never the reverse");
    }

    /** Features of a service ({@code com.telemed.<service>.<feature>..}) depend on each other without cycles. */
    public static ArchRule featuresAreFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .because("a feature that needs another must not be needed by it: move the shared type to where it belongs");
    }
}
