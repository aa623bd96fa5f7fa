package com.telemed.events;

import java.time.Instant;

/** A consultation moved to another time. Type {@code consultation.rescheduled}, published on {@link Topics#CONSULTATIONS}. */
public record ConsultationRescheduled(
        long consultationId,
        long patientId,
        long doctorId,
        Instant previousScheduledAt,
        Instant scheduledAt,
        int durationMinutes) implements EventData {
}
