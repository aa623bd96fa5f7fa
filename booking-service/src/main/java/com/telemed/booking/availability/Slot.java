package com.telemed.booking.availability;

import java.time.Instant;

/** A bookable consultation time, in absolute time. */
public record Slot(Instant startsAt, Instant endsAt) {

    public boolean overlaps(Instant from, Instant until) {
        return startsAt.isBefore(until) && from.isBefore(endsAt);
    }
}
