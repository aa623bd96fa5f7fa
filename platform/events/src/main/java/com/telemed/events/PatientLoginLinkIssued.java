package com.telemed.events;

import java.time.Instant;

/**
 * A single-use patient login link was issued; the address travels sealed ({@link #SEALED_EMAIL}) like the token
 * (ADR 6). {@code purpose} says what it is for: {@link #CONSULTATION} (absent in older events), the link of a
 * confirmed consultation, emailed at once; {@link #VISIT_SUMMARY}, the link of a completed consultation, emailed only
 * once a record is signed for it (ADR 12). Type {@code patient.login-link.issued}, published on {@link Topics#USERS}.
 */
public record PatientLoginLinkIssued(
        long patientId,
        long consultationId,
        String sealedEmail,
        String locale,
        String sealedToken,
        Instant expiresAt,
        String purpose) implements EventData {

    /** The contract before {@code purpose} existed: a confirmed consultation's link. */
    public PatientLoginLinkIssued(long patientId, long consultationId, String sealedEmail, String locale,
            String sealedToken, Instant expiresAt) {
        this(patientId, consultationId, sealedEmail, locale, sealedToken, expiresAt, null);
    }

    public static final String SEALED_EMAIL = "sealed_email";
    public static final String SEALED_TOKEN = "sealed_token";
    public static final String CONSULTATION = "consultation";
    public static final String VISIT_SUMMARY = "visit_summary";

    /** Whether this is the link of a completed consultation's summary rather than the booking-time link. */
    public boolean forVisitSummary() {
        return VISIT_SUMMARY.equals(purpose);
    }
}
