package com.telemed.testkit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes the {@code Stripe-Signature} header Stripe sends with a webhook: {@code t=<ts>,v1=<hmac>}. */
public final class StripeSignatures {

    private StripeSignatures() {
    }

    public static String header(String webhookSecret, String payload) {
        return header(webhookSecret, payload, Instant.now());
    }

    public static String header(String webhookSecret, String payload, Instant timestamp) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(webhookSecret, t + "." + payload);
    }

    public static String hmac(String secret, String signedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
