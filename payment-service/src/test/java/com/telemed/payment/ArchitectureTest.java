package com.telemed.payment;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ArchitectureRules;

class ArchitectureTest {

    @Test
    void featureCoresDoNotDependOnTheirAdapters() {
        ArchitectureRules.coreDoesNotDependOnAdapters("com.telemed.payment").check(ArchitectureRules.importMain("com.telemed.payment"));
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("com.telemed.payment").check(ArchitectureRules.importMain("com.telemed.payment"));
    }
}
