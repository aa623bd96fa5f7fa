package com.telemed.events;

import java.time.Instant;

/** The doctor closed the consultation's video session. Type {@code video.session-ended}, published on {@link Topics#VIDEO}. */
public record VideoSessionEnded(
        long consultationId,
        long doctorId,
        long patientId,
        String roomName,
        Instant startedAt,
        Instant endedAt,
        long durationSeconds) implements EventData {
}
