package com.telemed.notification;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ArchitectureRules;

class ArchitectureTest {

    @Test
    void featureCoresDoNotDependOnTheirAdapters() {
        ArchitectureRules.coreDoesNotDependOnAdapters("com.telemed.notification").check(ArchitectureRules.importMain("com.telemed.notification"));
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("com.telemed.notification").check(ArchitectureRules.importMain("com.telemed.notification"));
    }
}
