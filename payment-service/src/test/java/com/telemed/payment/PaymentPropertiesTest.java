package com.telemed.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentPropertiesTest {

    private static PaymentProperties properties(boolean localMode) {
        return new PaymentProperties("https://telemed.example/", null, null, null, null, null, null, null, null,
                localMode);
    }

    @Test
    void outsideLocalModeReturnUrlsMayPointOnlyToThePublicOrigin() {
        assertThat(properties(false).effectiveAllowedOrigins()).containsExactly("https://telemed.example");
    }

    @Test
    void localModeAlsoAllowsTheWebDevelopmentServer() {
        assertThat(properties(true).effectiveAllowedOrigins())
                .containsExactly("https://telemed.example", "http://localhost:3000");
    }
}
