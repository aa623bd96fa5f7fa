package com.telemed.video.rooms;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;

/** Whether a participant is on the consultation's video page now, and when they first came. */
record Presence(String participant, boolean present, Instant firstJoinedAt, Instant lastLeftAt) {

    static Presence of(Readable row) {
        OffsetDateTime left = row.get("last_left_at", OffsetDateTime.class);
        return new Presence(row.get("participant", String.class), Boolean.TRUE.equals(row.get("present", Boolean.class)),
                row.get("first_joined_at", OffsetDateTime.class).toInstant(), left == null ? null : left.toInstant());
    }
}
