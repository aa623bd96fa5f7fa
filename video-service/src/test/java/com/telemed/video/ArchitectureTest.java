package com.telemed.video;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ArchitectureRules;

class ArchitectureTest {

    @Test
    void featureCoresDoNotDependOnTheirAdapters() {
        ArchitectureRules.coreDoesNotDependOnAdapters("com.telemed.video").check(ArchitectureRules.importMain("com.telemed.video"));
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ArchitectureRules.featuresAreFreeOfCycles("com.telemed.video").check(ArchitectureRules.importMain("com.telemed.video"));
    }
}
