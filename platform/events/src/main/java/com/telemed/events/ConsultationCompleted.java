package com.telemed.events;

import java.time.Instant;

/** A consultation took place and was closed. Type {@code consultation.completed}, published on {@link Topics#CONSULTATIONS}. */
public record ConsultationCompleted(
        long consultationId,
        long patientId,
        long doctorId,
        Instant startedAt,
        Instant endedAt) implements EventData {
}
