package com.telemed.events;

import java.time.Instant;

/**
 * The consultation is firm: paid online, or recorded by an administrator as paid at the clinic
 * ({@code paymentMode}, {@link #ONLINE} or {@link #PAID_AT_CLINIC}). {@code sealedManageToken} is the patient's
 * secure link token to view, cancel or reschedule this consultation; the patient's email and name travel only sealed
 * too (ADR 6). Type {@code consultation.confirmed}, published on {@link Topics#CONSULTATIONS}.
 */
public record ConsultationConfirmed(
        long consultationId,
        long patientId,
        long doctorId,
        String specialty,
        Instant scheduledAt,
        int durationMinutes,
        long amount,
        String currency,
        String sealedPatientEmail,
        String sealedPatientName,
        String doctorName,
        String locale,
        String timezone,
        String sealedManageToken,
        String paymentMode) implements EventData {

    public static final String SEALED_PATIENT_EMAIL = "sealed_patient_email";
    public static final String SEALED_PATIENT_NAME = "sealed_patient_name";
    public static final String SEALED_MANAGE_TOKEN = "sealed_manage_token";
    public static final String ONLINE = "online";
    public static final String PAID_AT_CLINIC = "paid_at_clinic";

    /** Whether an administrator recorded the payment as made at the clinic (no online payment). */
    public boolean paidAtClinic() {
        return PAID_AT_CLINIC.equals(paymentMode);
    }
}
