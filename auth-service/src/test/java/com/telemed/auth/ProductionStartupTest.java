package com.telemed.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ProductionStart;

/** Outside local mode auth-service does not start on a generated signing key or on a public development value. */
class ProductionStartupTest {

    @Test
    void refusesToStartWithoutASigningKeyOrOnDevelopmentValues() {
        assertThatThrownBy(() -> ProductionStart.start(AuthServiceApplication.class,
                "--telemed.auth.registration-token=dev-registration-token",
                "--telemed.auth.bootstrap-admin.password=Telemed-Demo-2026!"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TELEMED_AUTH_JWT_PRIVATE_KEY is not set")
                .hasMessageContaining("REGISTRATION_TOKEN holds a public development value")
                .hasMessageContaining("TELEMED_AUTH_BOOTSTRAP_ADMIN_PASSWORD holds a public development value");
    }

    @Test
    void theDevelopmentKeysAreRefused() {
        assertThatThrownBy(() -> ProductionStart.start(AuthServiceApplication.class,
                "--telemed.crypto.dev-keys=true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("telemed.crypto.dev-keys=true");
    }
}
