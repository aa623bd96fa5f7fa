package com.telemed.payment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import com.telemed.testkit.ProductionStart;

/**
 * Outside local mode payment-service does not start on the sandbox or on the public development webhook secret:
 * checked before any bean exists, so no database or broker is needed to see it.
 */
class ProductionStartupTest {

    private static void start(String... settings) {
        ProductionStart.start(PaymentServiceApplication.class, settings);
    }

    @Test
    void refusesToStartWithoutStripeKeyOrWebhookSecret() {
        assertThatThrownBy(() -> start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRIPE_SECRET_KEY is not set")
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET is not set");
    }

    @Test
    void refusesTheDevelopmentWebhookSecret() {
        assertThatThrownBy(() -> start("--telemed.payments.stripe.secret-key=sk_live_x",
                "--telemed.payments.stripe.webhook-secrets=whsec_telemed_dev"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET holds a public development value")
                .hasMessageNotContaining("STRIPE_SECRET_KEY");
    }
}
