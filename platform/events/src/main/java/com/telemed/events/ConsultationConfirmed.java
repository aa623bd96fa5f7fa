package com.telemed.events;

import java.time.Instant;

/**
 * Payment was confirmed and the consultation is firm. {@code sealedManageToken} is the patient's secure link token
 * to view, cancel or reschedule this consultation, sealed for notification-service. Type {@code consultation.confirmed}, published on {@link Topics#CONSULTATIONS}. */
public record ConsultationConfirmed(
        long consultationId,
        long patientId,
        long doctorId,
        String specialty,
        Instant scheduledAt,
        int durationMinutes,
        long amount,
        String currency,
        String patientEmail,
        String patientName,
        String doctorName,
        String locale,
        String timezone,
        String sealedManageToken) implements EventData {
}
