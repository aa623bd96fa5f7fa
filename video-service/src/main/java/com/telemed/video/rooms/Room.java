package com.telemed.video.rooms;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;

/** The video room a doctor opened for a consultation. */
record Room(long consultationId, String roomName, long startedBy, Instant startedAt, Instant endedAt,
        Long durationSeconds) {

    static final String COLUMNS = "consultation_id, room_name, started_by, started_at, ended_at, duration_seconds";

    boolean ended() {
        return endedAt != null;
    }

    static Room of(Readable row) {
        OffsetDateTime ended = row.get("ended_at", OffsetDateTime.class);
        return new Room(row.get("consultation_id", Long.class), row.get("room_name", String.class),
                row.get("started_by", Long.class), row.get("started_at", OffsetDateTime.class).toInstant(),
                ended == null ? null : ended.toInstant(), row.get("duration_seconds", Long.class));
    }
}
