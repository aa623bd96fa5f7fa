package com.telemed.payment.stripe;

import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

/**
 * Checks {@code Stripe-Signature} on the raw body with stripe-java, against every configured secret (more than one
 * while a secret is being rolled), within Stripe's default tolerance of 300 seconds. A header with several {@code v1}
 * entries passes when one of them matches.
 */
public class WebhookSignatures {

    public static final long TOLERANCE_SECONDS = 300;

    private final List<String> secrets;

    public WebhookSignatures(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public boolean valid(String payload, String header) {
        if (payload == null || header == null || header.isBlank()) {
            return false;
        }
        for (String secret : secrets) {
            try {
                if (Webhook.Signature.verifyHeader(payload, header, secret, TOLERANCE_SECONDS)) {
                    return true;
                }
            } catch (SignatureVerificationException wrongSecretOrTooOld) {
                // try the next secret
            }
        }
        return false;
    }
}
