package com.telemed.auth.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.telemed.servicekit.crypto.OneTimeTokens;

/**
 * Secrets particular to staff access, drawn from the platform's seeded generator ({@link OneTimeTokens}, which
 * also issues and hashes the single-use tokens).
 */
public final class Secrets {

    // No look-alike characters (0/O, 1/l/I): temporary passwords are typed from an email.
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Secrets() {
    }

    /** 18 characters from a 57-letter alphabet: about 105 bits. */
    public static String temporaryPassword() {
        StringBuilder out = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            out.append(PASSWORD_ALPHABET.charAt(OneTimeTokens.random().nextInt(PASSWORD_ALPHABET.length())));
        }
        return out.toString();
    }

    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        OneTimeTokens.random().nextBytes(bytes);
        return bytes;
    }

    /** Compares without leaking, through timing, how much of the value matched. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(OneTimeTokens.hash(a).getBytes(StandardCharsets.UTF_8),
                OneTimeTokens.hash(b).getBytes(StandardCharsets.UTF_8));
    }
}
