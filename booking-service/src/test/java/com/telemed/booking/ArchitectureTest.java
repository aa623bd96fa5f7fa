package com.telemed.booking;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ArchitectureRules;

class ArchitectureTest {

    @Test
    void featureCoresDoNotDependOnTheirAdapters() {
        ArchitectureRules.coreDoesNotDependOnAdapters("com.telemed.booking").check(ArchitectureRules.importMain("com.telemed.booking"));
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("com.telemed.booking").check(ArchitectureRules.importMain("com.telemed.booking"));
    }
}
