package com.telemed.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

/** The header the test kit computes is the one Stripe's own client accepts, and only for the right secret and body. */
class StripeSignaturesTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}";

    @Test
    void stripeJavaAcceptsTheComputedHeader() {
        String header = StripeSignatures.header(SECRET, PAYLOAD);

        assertThatCode(() -> Webhook.Signature.verifyHeader(PAYLOAD, header, SECRET, 300)).doesNotThrowAnyException();
    }

    @Test
    void stripeJavaRejectsAnotherSecretAnAlteredBodyAndAnOldTimestamp() {
        String header = StripeSignatures.header(SECRET, PAYLOAD);
        String old = StripeSignatures.header(SECRET, PAYLOAD, Instant.now().minusSeconds(301));

        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(PAYLOAD, header, "whsec_other", 300))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(PAYLOAD + " ", header, SECRET, 300))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(PAYLOAD, old, SECRET, 300))
                .isInstanceOf(SignatureVerificationException.class);
    }
}
