package com.telemed.auth.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * High-entropy one-time secrets (tokens, temporary passwords) and their SHA-256 digests, which is all the
 * database ever keeps of them. A DRBG seeded once keeps random generation pure CPU work, safe on an event loop.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = seeded();
    // No look-alike characters (0/O, 1/l/I): temporary passwords are typed from an email.
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Secrets() {
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]);
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    /** 256 random bits, URL-safe. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 18 characters from a 57-letter alphabet: about 105 bits. */
    public static String temporaryPassword() {
        StringBuilder out = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            out.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return out.toString();
    }

    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares without leaking, through timing, how much of the value matched. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(a).getBytes(StandardCharsets.UTF_8),
                sha256(b).getBytes(StandardCharsets.UTF_8));
    }
}
