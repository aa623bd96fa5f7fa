package com.telemed.events;

import java.time.Instant;

/**
 * A consultation took place and was closed. Type {@code consultation.completed}, published on
 * {@link Topics#CONSULTATIONS}. The patient's address travels only sealed ({@link #SEALED_PATIENT_EMAIL}; ADR 6), for
 * auth-service to issue the link of the visit-summary email (ADR 12); {@code locale} is the patient's language.
 */
public record ConsultationCompleted(
        long consultationId,
        long patientId,
        long doctorId,
        Instant startedAt,
        Instant endedAt,
        String sealedPatientEmail,
        String locale) implements EventData {

    /** The contract before the patient's sealed address and language were added (no visit-summary link then). */
    public ConsultationCompleted(long consultationId, long patientId, long doctorId, Instant startedAt,
            Instant endedAt) {
        this(consultationId, patientId, doctorId, startedAt, endedAt, null, null);
    }

    public static final String SEALED_PATIENT_EMAIL = "sealed_patient_email";
}
