package com.telemed.events;

import java.time.Instant;

/**
 * A consultation was created pending payment, with a slot hold. The patient's email and name travel only sealed
 * ({@link #SEALED_PATIENT_EMAIL}, {@link #SEALED_PATIENT_NAME}; ADR 6). Type {@code consultation.booked}, published
 * on {@link Topics#CONSULTATIONS}.
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
        String doctorName) implements EventData {

    public static final String SEALED_PATIENT_EMAIL = "sealed_patient_email";
    public static final String SEALED_PATIENT_NAME = "sealed_patient_name";
}
