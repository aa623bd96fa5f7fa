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

    /** The doctor's rules; empty when the doctor has no public profile yet (not bookable). */
    public Mono<SlotRules> rulesOf(long doctorId) {
        Mono<Object[]> profile = db.sql("""
                        select timezone, slot_minutes, buffer_minutes, min_notice_minutes, max_advance_days
                          from doctor_profiles where doctor_id = :id""")
                .bind("id", doctorId)
                .map(row -> new Object[] { row.get("timezone", String.class), row.get("slot_minutes", Integer.class),
                        row.get("buffer_minutes", Integer.class), row.get("min_notice_minutes", Integer.class),
                        row.get("max_advance_days", Integer.class) })
                .one();
        return profile.flatMap(p -> Mono.zip(weekly(doctorId), overrides(doctorId), blocks(doctorId))
                .map(t -> new SlotRules(ZoneId.of((String) p[0]), (Integer) p[1], (Integer) p[2],
                        Duration.ofMinutes((Integer) p[3]), (Integer) p[4], t.getT1(), t.getT2(), t.getT3())));
    }

    private Mono<Map<DayOfWeek, List<LocalInterval>>> weekly(long doctorId) {
        return db.sql("select weekday, start_time, end_time from working_hours where doctor_id = :id order by start_time")
                .bind("id", doctorId)
                .map(row -> Map.entry(DayOfWeek.of(row.get("weekday", Short.class)),
                        new LocalInterval(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))))
                .all()
                .collect(HashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    private Mono<Map<LocalDate, List<LocalInterval>>> overrides(long doctorId) {
        return db.sql("""
                        select day, start_time, end_time from date_overrides
                         where doctor_id = :id and day >= current_date - 2 order by day, start_time""")
                .bind("id", doctorId)
                .map(row -> new Object[] { row.get("day", LocalDate.class), row.get("start_time", LocalTime.class),
                        row.get("end_time", LocalTime.class) })
                .all()
                .collect(HashMap::new, (Map<LocalDate, List<LocalInterval>> map, Object[] r) -> {
                    List<LocalInterval> day = map.computeIfAbsent((LocalDate) r[0], k -> new ArrayList<>());
                    if (r[1] != null) {
                        day.add(new LocalInterval((LocalTime) r[1], (LocalTime) r[2]));
                    }
                });
    }

    private Mono<List<SlotRules.Block>> blocks(long doctorId) {
        return db.sql("select starts_at, ends_at from availability_blocks where doctor_id = :id and ends_at > now()")
                .bind("id", doctorId)
                .map(row -> new SlotRules.Block(row.get("starts_at", OffsetDateTime.class).toInstant(),
                        row.get("ends_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
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
