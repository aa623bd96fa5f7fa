package com.telemed.events;

import java.time.Instant;

/** A staff member asked for a reset link; carries the sealed single-use token. Type {@code password-reset.requested}, published on {@link Topics#USERS}. */
public record PasswordResetRequested(
        long userId,
        String email,
        String locale,
        String sealedToken,
        Instant expiresAt) implements EventData {
}
