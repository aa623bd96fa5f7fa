package com.telemed.events;

import java.time.Instant;

/**
 * The consultation's doctor opened its video room ({@code startedBy}, a staff user id). Published once per
 * consultation: starting again answers the same room and publishes nothing. Type {@code video.session-started},
 * published on {@link Topics#VIDEO}.
 */
public record VideoSessionStarted(
        long consultationId,
        long doctorId,
        long patientId,
        String roomName,
        long startedBy,
        Instant startedAt) implements EventData {
}
