package com.telemed.booking.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates slots in the doctor's local time and turns them into instants, so a 09:00 slot stays 09:00 local
 * across daylight-saving changes. A local time that does not exist (the spring-forward gap) yields no slot.
 */
public final class SlotCalculator {

    private SlotCalculator() {
    }

    /** Slots of the local dates {@code from}..{@code to} (inclusive) that the rules allow at {@code now}. */
    public static List<Slot> slots(SlotRules rules, LocalDate from, LocalDate to, Instant now) {
        List<Slot> slots = new ArrayList<>();
        Instant earliest = now.plus(rules.minNotice());
        Instant latest = now.plus(Duration.ofDays(rules.maxAdvanceDays()));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (LocalInterval interval : intervalsOf(rules, day)) {
                addDay(rules, day, interval, earliest, latest, slots);
            }
        }
        return slots;
    }

    private static void addDay(SlotRules rules, LocalDate day, LocalInterval interval, Instant earliest,
            Instant latest, List<Slot> out) {
        LocalDateTime end = day.atTime(interval.end());
        LocalDateTime start = day.atTime(interval.start());
        for (LocalDateTime t = start; !t.plusMinutes(rules.slotMinutes()).isAfter(end);
                t = t.plusMinutes((long) rules.slotMinutes() + rules.bufferMinutes())) {
            ZonedDateTime zoned = t.atZone(rules.zone());
            if (!zoned.toLocalDateTime().equals(t)) {
                continue; // skipped by a daylight-saving gap
            }
            Instant startsAt = zoned.toInstant();
            Slot slot = new Slot(startsAt, startsAt.plus(Duration.ofMinutes(rules.slotMinutes())));
            if (startsAt.isBefore(earliest) || startsAt.isAfter(latest) || blocked(rules, slot)) {
                continue;
            }
            out.add(slot);
        }
    }

    private static List<LocalInterval> intervalsOf(SlotRules rules, LocalDate day) {
        List<LocalInterval> override = rules.overrides().get(day);
        if (override != null) {
            return override;
        }
        return rules.weekly().getOrDefault(day.getDayOfWeek(), List.of());
    }

    private static boolean blocked(SlotRules rules, Slot slot) {
        return rules.blocks().stream().anyMatch(b -> slot.overlaps(b.startsAt(), b.endsAt()));
    }

    /** Whether {@code at} is a start of the slot grid on its local day, ignoring notice, horizon and blocks. */
    public static boolean onGrid(SlotRules rules, Instant at) {
        LocalDate day = at.atZone(rules.zone()).toLocalDate();
        SlotRules unbounded = new SlotRules(rules.zone(), rules.slotMinutes(), rules.bufferMinutes(), Duration.ZERO,
                36500, rules.weekly(), rules.overrides(), rules.blocks());
        return slots(unbounded, day, day, Instant.EPOCH).stream().anyMatch(s -> s.startsAt().equals(at));
    }

    /** The local dates (in the doctor's zone) that an instant range touches. */
    public static LocalDate[] localDates(SlotRules rules, Instant from, Instant to) {
        return new LocalDate[] { from.atZone(rules.zone()).toLocalDate(), to.atZone(rules.zone()).toLocalDate() };
    }

}
