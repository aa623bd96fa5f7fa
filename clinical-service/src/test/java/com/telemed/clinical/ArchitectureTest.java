package com.telemed.clinical;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ArchitectureRules;

class ArchitectureTest {

    @Test
    void featureCoresDoNotDependOnTheirAdapters() {
        ArchitectureRules.coreDoesNotDependOnAdapters("com.telemed.clinical").check(ArchitectureRules.importMain("com.telemed.clinical"));
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("com.telemed.clinical").check(ArchitectureRules.importMain("com.telemed.clinical"));
    }
}
