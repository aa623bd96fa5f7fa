package com.telemed.servicekit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed HMAC-SHA256 of a normalised value, stored beside its ciphertext so that an exact lookup (a returning
 * patient's email) works without decrypting every row. Without the key the index reveals nothing usable.
 */
public final class BlindIndex {

    private final SecretKeySpec key;

    public BlindIndex(String setting, String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(setting + " is not set: expected base64 of at least 32 bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (raw.length < 32) {
            throw new IllegalStateException(setting + " must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** Index of an email: trimmed and lower-cased first, so that case and spaces do not split a patient in two. */
    public String ofEmail(String email) {
        return of(email == null ? null : email.trim().toLowerCase(Locale.ROOT));
    }

    public String of(String normalised) {
        if (normalised == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
