package com.telemed.servicekit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionReadinessTest {

    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("telemed.local-mode", "false")
                .withProperty("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .withProperty("KAFKA_USERNAME", "payment-service")
                .withProperty("KAFKA_PASSWORD", "a-real-secret")
                .withProperty("telemed.production.required.webhook.setting", "telemed.payments.stripe.webhook-secrets")
                .withProperty("telemed.production.required.webhook.variable", "STRIPE_WEBHOOK_SECRET")
                .withProperty("telemed.production.required.webhook.development-values", "whsec_telemed_dev")
                .withProperty("telemed.production.required.token.setting", "telemed.auth.registration-token")
                .withProperty("telemed.production.required.token.variable", "REGISTRATION_TOKEN")
                .withProperty("telemed.production.required.token.development-values", "dev-registration-token")
                .withProperty("telemed.production.required.token.optional", "true");
    }

    @Test
    void aMissingRequiredSettingStopsStartUpWithItsVariableName() {
        assertThatThrownBy(() -> ProductionReadiness.check(production()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET is not set")
                .hasMessageNotContaining("REGISTRATION_TOKEN");
    }

    @Test
    void aDevelopmentValueStopsStartUpEvenAmongOthers() {
        MockEnvironment env = production()
                .withProperty("telemed.payments.stripe.webhook-secrets", "whsec_real,whsec_telemed_dev")
                .withProperty("telemed.auth.registration-token", "dev-registration-token");

        assertThat(ProductionReadiness.problems(env)).containsExactlyInAnyOrder(
                "STRIPE_WEBHOOK_SECRET holds a public development value",
                "REGISTRATION_TOKEN holds a public development value");
    }

    @Test
    void theDevelopmentKeysAreRefused() {
        MockEnvironment env = production().withProperty("telemed.payments.stripe.webhook-secrets", "whsec_real")
                .withProperty("telemed.crypto.dev-keys", "true");

        assertThat(ProductionReadiness.problems(env)).singleElement().asString().contains("dev-keys");
    }

    @Test
    void realValuesPass() {
        ProductionReadiness.check(production().withProperty("telemed.payments.stripe.webhook-secrets", "whsec_real"));
    }

    @Test
    void localModeAcceptsEveryDefault() {
        assertThat(ProductionReadiness.problems(production().withProperty("telemed.local-mode", "true")
                .withProperty("telemed.crypto.dev-keys", "true"))).isEmpty();
    }

    @Test
    void kafkaWithoutSaslStopsStartUpUnlessExplicitlyAllowed() {
        MockEnvironment env = production().withProperty("telemed.payments.stripe.webhook-secrets", "whsec_real")
                .withProperty("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");

        assertThatThrownBy(() -> ProductionReadiness.check(env))
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL=PLAINTEXT connects to Kafka without authentication")
                .hasMessageContaining("TELEMED_KAFKA_ALLOW_PLAINTEXT=true");
        assertThat(ProductionReadiness.problems(env.withProperty("TELEMED_KAFKA_ALLOW_PLAINTEXT", "true"))).isEmpty();
    }

    @Test
    void kafkaSaslWithoutCredentialsStopsStartUp() {
        MockEnvironment env = production().withProperty("telemed.payments.stripe.webhook-secrets", "whsec_real")
                .withProperty("KAFKA_PASSWORD", "");

        assertThat(ProductionReadiness.problems(env))
                .containsExactly("KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_USERNAME and KAFKA_PASSWORD");
    }

    @Test
    void localModeKeepsThePlaintextBroker() {
        assertThat(ProductionReadiness.problems(new MockEnvironment().withProperty("telemed.local-mode", "true")))
                .isEmpty();
    }
}
