package com.telemed.booking.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a doctor's slots: working hours in the doctor's own time zone, dates that replace them,
 * blocked periods, the slot length and the buffer after each consultation, and how soon and how far ahead one
 * may book.
 */
public record SlotRules(
        ZoneId zone,
        int slotMinutes,
        int bufferMinutes,
        Duration minNotice,
        int maxAdvanceDays,
        Map<DayOfWeek, List<LocalInterval>> weekly,
        Map<LocalDate, List<LocalInterval>> overrides,
        List<Block> blocks) {

    /** A blocked period (vacation) in absolute time. */
    public record Block(Instant startsAt, Instant endsAt) {
    }

    /** The time a consultation keeps from others: its length plus the buffer. */
    public Duration occupied() {
        return Duration.ofMinutes((long) slotMinutes + bufferMinutes);
    }
}
