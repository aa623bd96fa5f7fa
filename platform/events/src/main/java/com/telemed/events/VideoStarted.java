package com.telemed.events;

import java.time.Instant;

/** The doctor opened the consultation's video room. Type {@code video.started}, published on {@link Topics#VIDEO}. */
public record VideoStarted(
        long consultationId,
        String roomName,
        long startedBy,
        Instant startedAt) implements EventData {
}
