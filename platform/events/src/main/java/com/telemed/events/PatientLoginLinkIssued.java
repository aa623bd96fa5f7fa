package com.telemed.events;

import java.time.Instant;

/** A single-use patient login link was issued for a consultation. Type {@code patient.login-link.issued}, published on {@link Topics#USERS}. */
public record PatientLoginLinkIssued(
        long patientId,
        long consultationId,
        String email,
        String locale,
        String sealedToken,
        Instant expiresAt) implements EventData {
}
