package com.telemed.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.StripeSignatures;

class WebhookSignaturesTest {

    private final WebhookSignatures signatures = new WebhookSignatures(List.of("whsec_new", "whsec_old"));
    private final String body = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}";

    @Test
    void acceptsEitherConfiguredSecretWithinTheTolerance() {
        assertThat(signatures.valid(body, StripeSignatures.header("whsec_new", body))).isTrue();
        assertThat(signatures.valid(body, StripeSignatures.header("whsec_old", body,
                Instant.now().minusSeconds(290)))).isTrue();
    }

    @Test
    void refusesOtherSecretsOldTimestampsChangedBodiesAndMissingHeaders() {
        assertThat(signatures.valid(body, StripeSignatures.header("whsec_other", body))).isFalse();
        assertThat(signatures.valid(body, StripeSignatures.header("whsec_new", body,
                Instant.now().minusSeconds(301)))).isFalse();
        assertThat(signatures.valid(body + " ", StripeSignatures.header("whsec_new", body))).isFalse();
        assertThat(signatures.valid(body, null)).isFalse();
        assertThat(signatures.valid(body, "garbage")).isFalse();
    }

    @Test
    void theSandboxSignsTheWayStripeDoes() {
        SandboxWebhooks sandbox = new SandboxWebhooks(org.springframework.web.reactive.function.client.WebClient
                .builder(), () -> "http://unused", "whsec_new");
        assertThat(signatures.valid(body, sandbox.signature(body, Instant.now()))).isTrue();
    }
}
