package com.telemed.events;

import java.time.Instant;

/** A clinical record was signed and is locked from now on (ids only, no clinical content). Type {@code clinical-record.signed}, published on {@link Topics#CLINICAL}. */
public record ClinicalRecordSigned(
        long recordId,
        long patientId,
        long doctorId,
        Long consultationId,
        Instant signedAt) implements EventData {
}
