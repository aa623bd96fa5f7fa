package com.telemed.booking.availability;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import com.telemed.servicekit.web.ApiException;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a doctor's rules and booked time, and answers which slots are free. */
@Service
public class Availability {

    private final DatabaseClient db;
    private final Clock clock;

    public Availability(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The select-list of a doctor's rules over {@code doctor_profiles p}, one row per doctor: booking reads it on
     * every request, so hours, overrides and blocks come aggregated into the same round trip.
     */
    public static final String RULES_COLUMNS = """
            p.timezone, p.slot_minutes, p.buffer_minutes, p.min_notice_minutes, p.max_advance_days,
            (select string_agg(w.weekday || ',' || w.start_time || ',' || w.end_time, ';')
               from working_hours w where w.doctor_id = p.doctor_id) as hours,
            (select string_agg(o.day || ',' || coalesce(o.start_time::text, '') || ','
                               || coalesce(o.end_time::text, ''), ';')
               from date_overrides o where o.doctor_id = p.doctor_id and o.day >= current_date - 2) as overrides,
            (select string_agg(extract(epoch from b.starts_at)::bigint || ','
                               || extract(epoch from b.ends_at)::bigint, ';')
               from availability_blocks b where b.doctor_id = p.doctor_id and b.ends_at > now()) as blocks""";

    private static final String RULES_OF = "select " + RULES_COLUMNS
            + " from doctor_profiles p where p.doctor_id = :id";

    /** The doctor's rules; empty when the doctor has no public profile yet (not bookable). */
    public Mono<SlotRules> rulesOf(long doctorId) {
        return db.sql(RULES_OF)
                .bind("id", doctorId)
                .map(Availability::rules)
                .one();
    }

    /** The rules in a row selected with {@link #RULES_COLUMNS}. */
    public static SlotRules rules(Readable row) {
        return new SlotRules(ZoneId.of(row.get("timezone", String.class)),
                row.get("slot_minutes", Integer.class), row.get("buffer_minutes", Integer.class),
                Duration.ofMinutes(row.get("min_notice_minutes", Integer.class)),
                row.get("max_advance_days", Integer.class), weekly(row.get("hours", String.class)),
                overrides(row.get("overrides", String.class)), blocks(row.get("blocks", String.class)));
    }

    private static List<String[]> rows(String aggregated) {
        List<String[]> rows = new ArrayList<>();
        if (aggregated != null && !aggregated.isEmpty()) {
            for (String row : aggregated.split(";")) {
                rows.add(row.split(",", -1));
            }
        }
        return rows;
    }

    private static Map<DayOfWeek, List<LocalInterval>> weekly(String aggregated) {
        Map<DayOfWeek, List<LocalInterval>> weekly = new HashMap<>();
        for (String[] r : rows(aggregated)) {
            weekly.computeIfAbsent(DayOfWeek.of(Integer.parseInt(r[0])), k -> new ArrayList<>())
                    .add(new LocalInterval(LocalTime.parse(r[1]), LocalTime.parse(r[2])));
        }
        weekly.values().forEach(list -> list.sort(java.util.Comparator.comparing(LocalInterval::start)));
        return weekly;
    }

    private static Map<LocalDate, List<LocalInterval>> overrides(String aggregated) {
        Map<LocalDate, List<LocalInterval>> overrides = new HashMap<>();
        for (String[] r : rows(aggregated)) {
            List<LocalInterval> day = overrides.computeIfAbsent(LocalDate.parse(r[0]), k -> new ArrayList<>());
            if (!r[1].isEmpty()) {
                day.add(new LocalInterval(LocalTime.parse(r[1]), LocalTime.parse(r[2])));
            }
        }
        overrides.values().forEach(list -> list.sort(java.util.Comparator.comparing(LocalInterval::start)));
        return overrides;
    }

    private static List<SlotRules.Block> blocks(String aggregated) {
        return rows(aggregated).stream()
                .map(r -> new SlotRules.Block(Instant.ofEpochSecond(Long.parseLong(r[0])),
                        Instant.ofEpochSecond(Long.parseLong(r[1]))))
                .toList();
    }

    /**
     * Whether a consultation may start at {@code at}: 422 for a time in the past, off the slot grid, outside working
     * hours or blocked, or (with {@code enforceNotice}) too soon or too far ahead.
     */
    public Mono<Void> checkSlot(SlotRules rules, Instant at, boolean enforceNotice) {
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            return Mono.error(ApiException.unprocessable("slot-in-past", "The requested time is in the past"));
        }
        if (!SlotCalculator.onGrid(rules, at)) {
            return Mono.error(ApiException.unprocessable("slot-unavailable",
                    "The requested time is not one of the doctor's slots"));
        }
        if (enforceNotice) {
            LocalDate day = at.atZone(rules.zone()).toLocalDate();
            boolean allowed = SlotCalculator.slots(rules, day, day, now).stream().anyMatch(s -> s.startsAt().equals(at));
            if (!allowed) {
                return Mono.error(ApiException.unprocessable("slot-outside-booking-window",
                        "The requested time is too soon or too far ahead to book"));
            }
        }
        return Mono.empty();
    }

    /** Free slots starting in [from, to): the rules' slots minus time held by live consultations. */
    public Mono<List<Slot>> freeSlots(long doctorId, SlotRules rules, Instant from, Instant to) {
        Instant now = clock.instant();
        LocalDate firstDay = from.atZone(rules.zone()).toLocalDate();
        LocalDate lastDay = to.atZone(rules.zone()).toLocalDate();
        List<Slot> candidates = SlotCalculator.slots(rules, firstDay, lastDay, now).stream()
                .filter(s -> !s.startsAt().isBefore(from) && s.startsAt().isBefore(to))
                .toList();
        if (candidates.isEmpty()) {
            return Mono.just(List.of());
        }
        Duration occupied = rules.occupied();
        return busy(doctorId, from, to.plus(occupied), now).collectList()
                .map(busy -> candidates.stream()
                        .filter(s -> busy.stream().noneMatch(b -> b.overlaps(s.startsAt(), s.startsAt().plus(occupied))))
                        .toList());
    }

    /** Time held by consultations: confirmed ones and holds still alive (an expired hold no longer counts). */
    private Flux<Slot> busy(long doctorId, Instant from, Instant to, Instant now) {
        return db.sql("""
                        select scheduled_at, occupied_until from consultations
                         where doctor_id = :doctor and scheduled_at < :to and occupied_until > :from
                           and status in ('pending_payment', 'confirmed', 'in_progress', 'completed', 'no_show')
                           and not (status = 'pending_payment' and hold_expires_at <= :now)""")
                .bind("doctor", doctorId)
                .bind("from", from.atOffset(java.time.ZoneOffset.UTC))
                .bind("to", to.atOffset(java.time.ZoneOffset.UTC))
                .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .map(row -> new Slot(row.get("scheduled_at", OffsetDateTime.class).toInstant(),
                        row.get("occupied_until", OffsetDateTime.class).toInstant()))
                .all();
    }
}
