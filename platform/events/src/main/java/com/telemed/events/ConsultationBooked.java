package com.telemed.events;

import java.time.Instant;

/** A consultation was created pending payment, with a slot hold. Type {@code consultation.booked}, published on {@link Topics#CONSULTATIONS}. */
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
        String patientEmail,
        String patientName,
        String locale,
        String timezone,
        String doctorName) implements EventData {
}
