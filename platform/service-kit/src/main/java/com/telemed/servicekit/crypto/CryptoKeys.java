package com.telemed.servicekit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Key material by setting name, from the environment only. A setting left empty is an error, except with
 * {@code telemed.crypto.dev-keys=true} (local mode and tests): then a fixed key derived from the setting's name
 * is used, the same in every service, so sealed event fields still open across services on a developer machine.
 * Such keys are public knowledge and a warning says so.
 *
 * <p>Settings (environment variable in brackets): {@code telemed.crypto.pii-keys} [TELEMED_PII_KEYS],
 * {@code telemed.crypto.clinical-keys} [TELEMED_CLINICAL_KEYS], {@code telemed.crypto.event-seal-keys}
 * [TELEMED_EVENT_SEAL_KEYS] as {@code id:base64,…}; {@code telemed.crypto.blind-index-key}
 * [TELEMED_BLIND_INDEX_KEY] as base64.
 */
public final class CryptoKeys {

    public static final String PII_KEYS = "telemed.crypto.pii-keys";
    public static final String CLINICAL_KEYS = "telemed.crypto.clinical-keys";
    public static final String EVENT_SEAL_KEYS = "telemed.crypto.event-seal-keys";
    public static final String BLIND_INDEX_KEY = "telemed.crypto.blind-index-key";

    private static final Logger log = LoggerFactory.getLogger(CryptoKeys.class);

    private final Environment env;
    private final boolean devKeys;

    public CryptoKeys(Environment env) {
        this.env = env;
        this.devKeys = env.getProperty("telemed.crypto.dev-keys", Boolean.class, false);
    }

    /** A cipher over the keyring named by {@code setting}. */
    public FieldCipher cipher(String setting) {
        return new FieldCipher(Keyring.parse(setting, value(setting, true)));
    }

    public BlindIndex blindIndex(String setting) {
        return new BlindIndex(setting, value(setting, false));
    }

    private String value(String setting, boolean keyring) {
        String configured = env.getProperty(setting, "");
        String key = developmentKey(setting);
        if (!configured.isBlank() || !devKeys) {
            if (!devKeys && configured.contains(key)) {
                throw new IllegalStateException(setting + " holds the public development key; set a key of your own"
                        + " (make setup, docs/security.md)");
            }
            return configured;
        }
        log.warn("{} is not set; using the public development key (never do this in production)", setting);
        return keyring ? "dev:" + key : key;
    }

    /** The public key used for {@code setting} in local mode and tests. */
    static String developmentKey(String setting) {
        return Base64.getEncoder().encodeToString(sha256("telemed-development-key:" + setting));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
