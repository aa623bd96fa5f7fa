package com.telemed.events;

import java.time.Instant;

/** A clinical record was added to a patient's history (no clinical content in the event). Type {@code clinical-record.created}, published on {@link Topics#CLINICAL}. */
public record ClinicalRecordCreated(
        long recordId,
        long patientId,
        long doctorId,
        Long consultationId,
        Instant createdAt) implements EventData {
}
