package com.telemed.events;

import java.time.Instant;

/**
 * A single-use patient login link was issued for a confirmed consultation; the address travels sealed
 * ({@link #SEALED_EMAIL}) like the token (ADR 6). Type {@code patient.login-link.issued}, published on {@link Topics#USERS}.
 */
public record PatientLoginLinkIssued(
        long patientId,
        long consultationId,
        String sealedEmail,
        String locale,
        String sealedToken,
        Instant expiresAt) implements EventData {

    public static final String SEALED_EMAIL = "sealed_email";
    public static final String SEALED_TOKEN = "sealed_token";
}
