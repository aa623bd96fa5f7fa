package com.telemed.events;

import java.time.Instant;

/** A consultation was cancelled (by patient, doctor, admin or system, e.g. hold_expired). Type {@code consultation.cancelled}, published on {@link Topics#CONSULTATIONS}. */
public record ConsultationCancelled(
        long consultationId,
        long patientId,
        long doctorId,
        Instant scheduledAt,
        String reason,
        String cancelledBy,
        Instant cancelledAt) implements EventData {
}
