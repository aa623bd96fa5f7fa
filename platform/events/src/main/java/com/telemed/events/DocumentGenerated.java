package com.telemed.events;

import java.time.Instant;
import java.util.UUID;

/** A PDF document was generated. Type {@code document.generated}, published on {@link Topics#DOCUMENTS}. */
public record DocumentGenerated(
        UUID documentId,
        String kind,
        Long patientId,
        Long consultationId,
        long requestedBy,
        String sha256,
        Instant generatedAt) implements EventData {
}
