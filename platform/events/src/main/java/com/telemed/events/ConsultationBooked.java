package com.telemed.events;

import java.time.Instant;

/**
 * A consultation was created pending payment, with a slot hold. The patient's email and name travel only sealed
 * ({@link #SEALED_PATIENT_EMAIL}, {@link #SEALED_PATIENT_NAME}; ADR 6). Type {@code consultation.booked}, published
 * on {@link Topics#CONSULTATIONS}. {@code sealedCheckoutToken} is set when staff booked it for a patient who pays
 * online later: notification-service emails the patient a payment link with it.
 */
public record ConsultationBooked(
        long consultationId,
        long patientId,
        long doctorId,
        String specialty,
        Instant scheduledAt,
        int durationMinutes,
        long amount,
        String currency,
        Instant holdExpiresAt,
        String sealedPatientEmail,
        String sealedPatientName,
        String locale,
        String timezone,
        String doctorName,
        String sealedCheckoutToken) implements EventData {

    /** A booking whose patient pays at once in the same session (no payment link is emailed). */
    public ConsultationBooked(long consultationId, long patientId, long doctorId, String specialty,
            Instant scheduledAt, int durationMinutes, long amount, String currency, Instant holdExpiresAt,
            String sealedPatientEmail, String sealedPatientName, String locale, String timezone, String doctorName) {
        this(consultationId, patientId, doctorId, specialty, scheduledAt, durationMinutes, amount, currency,
                holdExpiresAt, sealedPatientEmail, sealedPatientName, locale, timezone, doctorName, null);
    }

    public static final String SEALED_PATIENT_EMAIL = "sealed_patient_email";
    public static final String SEALED_PATIENT_NAME = "sealed_patient_name";
    public static final String SEALED_CHECKOUT_TOKEN = "sealed_checkout_token";
}
