package com.telemed.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.telemed.servicekit.web.ApiException;

/**
 * What a staff password must be: at least 12 characters, at most 72 bytes (bcrypt reads no further), not
 * containing the account's email or its local part, and not a well-known password.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private final Set<String> common;

    public PasswordPolicy() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing");
            }
            this.common = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws 422 problem+json ({@code weak-password}) with the reason when {@code password} is not acceptable. */
    public void check(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak("The password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak("The password must not be longer than " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null) {
            String normalized = email.trim().toLowerCase(Locale.ROOT);
            String local = normalized.contains("@") ? normalized.substring(0, normalized.indexOf('@')) : normalized;
            if (lower.contains(normalized) || (local.length() >= 4 && lower.contains(local))) {
                throw weak("The password must not contain your email address");
            }
        }
        if (common.contains(lower) || common.contains(lower.replaceAll("[^a-z0-9]", ""))) {
            throw weak("This password is too common; choose another one");
        }
    }

    private static ApiException weak(String detail) {
        return ApiException.unprocessable("weak-password", detail);
    }
}
