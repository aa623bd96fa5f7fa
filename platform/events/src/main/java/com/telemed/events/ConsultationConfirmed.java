package com.telemed.events;

import java.time.Instant;

/**
 * The consultation is firm: paid online, recorded by an administrator as paid at the clinic, or booked by a doctor to
 * be paid at the clinic or free ({@code paymentMode}: {@link #ONLINE}, {@link #PAID_AT_CLINIC}, {@link #PAY_AT_CLINIC},
 * {@link #FREE}). {@code sealedManageToken} is the patient's
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
        String paymentMode,
        Boolean identityWithheld) implements EventData {

    /** The contract before {@code identity_withheld} existed (null: not withheld). */
    public ConsultationConfirmed(long consultationId, long patientId, long doctorId, String specialty,
            Instant scheduledAt, int durationMinutes, long amount, String currency, String sealedPatientEmail,
            String sealedPatientName, String doctorName, String locale, String timezone, String sealedManageToken,
            String paymentMode) {
        this(consultationId, patientId, doctorId, specialty, scheduledAt, durationMinutes, amount, currency,
                sealedPatientEmail, sealedPatientName, doctorName, locale, timezone, sealedManageToken, paymentMode,
                null);
    }

    public static final String SEALED_PATIENT_EMAIL = "sealed_patient_email";
    public static final String SEALED_PATIENT_NAME = "sealed_patient_name";
    public static final String SEALED_MANAGE_TOKEN = "sealed_manage_token";
    public static final String ONLINE = "online";
    public static final String PAID_AT_CLINIC = "paid_at_clinic";
    /** A doctor booked it to be paid at the clinic (nothing paid yet, nothing paid online). */
    public static final String PAY_AT_CLINIC = "pay_at_clinic";
    /** A doctor booked it free of charge. */
    public static final String FREE = "free";

    /** Whether an administrator recorded the payment as made at the clinic (no online payment). */
    public boolean paidAtClinic() {
        return PAID_AT_CLINIC.equals(paymentMode);
    }

    /** Whether the consultation was confirmed without any online payment (at the clinic, or free). */
    public boolean paidOnline() {
        return paymentMode == null || ONLINE.equals(paymentMode);
    }

    /**
     * Whether this consultation makes the patient one of the doctor's patients: not when a doctor booked typed
     * details that matched a patient outside their care and confirmed it without payment (identity withheld).
     */
    public boolean establishesCare() {
        return !Boolean.TRUE.equals(identityWithheld);
    }
}
