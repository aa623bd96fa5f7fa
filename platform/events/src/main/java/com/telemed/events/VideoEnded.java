package com.telemed.events;

import java.time.Instant;

/** The consultation's video session ended. Type {@code video.ended}, published on {@link Topics#VIDEO}. */
public record VideoEnded(
        long consultationId,
        String roomName,
        Instant startedAt,
        Instant endedAt,
        int durationSeconds) implements EventData {
}
