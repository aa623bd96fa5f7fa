package com.telemed.servicekit.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Named 256-bit keys from configuration: {@code "k2:<base64>,k1:<base64>"}. The first key encrypts; every key
 * decrypts, so a new key can be put first while older ciphertexts stay readable until they are re-encrypted.
 */
public final class Keyring {

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private Keyring(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** Parses {@code id:base64[,id:base64…]}; the message names the setting, never a key. */
    public static Keyring parse(String setting, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalStateException(setting + " is not set: expected id:base64-of-32-bytes[,…]");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String first = null;
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalStateException(setting + " has an entry that is not id:base64");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(parts[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(setting + " key " + parts[0] + " is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException(setting + " key " + parts[0] + " must be 32 bytes (AES-256)");
            }
            if (keys.putIfAbsent(parts[0], new SecretKeySpec(raw, "AES")) != null) {
                throw new IllegalStateException(setting + " names key " + parts[0] + " twice");
            }
            first = first == null ? parts[0] : first;
        }
        return new Keyring(first, keys);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    SecretKey byId(String id) {
        return keys.get(id);
    }
}
