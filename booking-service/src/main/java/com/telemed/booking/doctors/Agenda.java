package com.telemed.booking.doctors;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.LocalInterval;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A doctor's profile, weekly hours, date overrides and blocks, managed by the doctor or by admins. */
@Service
public class Agenda {

    /** One weekly working interval. */
    public record WorkingHours(int weekday, LocalTime start, LocalTime end) {
    }

    public record DateOverride(LocalDate date, List<LocalInterval> intervals) {
    }

    /**
     * A blocked period. {@code conflicts} (answers only) lists the consultations still booked inside it: a block
     * stops new bookings but never cancels anyone, so the doctor sees what to move or cancel.
     */
    public record Block(@Nullable Long id, Instant startsAt, Instant endsAt, @Nullable String reason,
            List<Conflict> conflicts) {
        public Block(Long id, Instant startsAt, Instant endsAt, String reason) {
            this(id, startsAt, endsAt, reason, List.of());
        }

        Block withConflicts(List<Conflict> found) {
            return new Block(id, startsAt, endsAt, reason, found);
        }
    }

    /** A consultation that holds time inside a block. */
    public record Conflict(long consultationId, Instant scheduledAt, int durationMinutes, String status) {
    }

    @Schema(name = "Agenda") // two records named View: each its own schema
    public record View(long doctorId, @Nullable Profile profile, List<WorkingHours> workingHours,
            List<DateOverride> overrides, List<Block> blocks) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final BookingTargets targets;

    public Agenda(DatabaseClient db, TransactionalOperator tx, BookingTargets targets) {
        this.db = db;
        this.tx = tx;
        this.targets = targets;
    }

    /** The doctor whose agenda the caller may touch: their own, or any for admins (it_admin only reads). */
    public Mono<Long> target(Caller caller, Long requestedDoctorId, boolean write) {
        if (caller.isDoctor()) {
            long own = caller.numericId();
            if (requestedDoctorId != null && requestedDoctorId != own) {
                return Mono.error(ApiException.notFound("Doctor"));
            }
            return existing(own);
        }
        caller.require(write ? caller.canAdminWrite() : caller.isAdmin());
        if (requestedDoctorId == null) {
            return Mono.error(ApiException.badRequest("doctor-required", "doctor_id is required for admins"));
        }
        return existing(requestedDoctorId);
    }

    private Mono<Long> existing(long doctorId) {
        return db.sql("select id from doctors where id = :id and role in ('specialist', 'doctor')").bind("id", doctorId)
                .map(row -> row.get("id", Long.class)).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Doctor")));
    }

    public Mono<View> view(long doctorId) {
        Mono<Profile> profile = db.sql("select * from doctor_profiles where doctor_id = :id").bind("id", doctorId)
                .map(row -> new Profile(row.get("bio", String.class), row.get("fee_amount", Long.class),
                        row.get("currency", String.class), row.get("slot_minutes", Integer.class),
                        row.get("buffer_minutes", Integer.class), row.get("min_notice_minutes", Integer.class),
                        row.get("max_advance_days", Integer.class), row.get("timezone", String.class),
                        Arrays.stream(row.get("languages", String.class).split(",")).filter(s -> !s.isBlank()).toList()))
                .one();
        Mono<List<WorkingHours>> hours = db.sql(
                        "select weekday, start_time, end_time from working_hours where doctor_id = :id order by weekday, start_time")
                .bind("id", doctorId)
                .map(row -> new WorkingHours(row.get("weekday", Short.class), row.get("start_time", LocalTime.class),
                        row.get("end_time", LocalTime.class)))
                .all().collectList();
        Mono<List<DateOverride>> overrides = db.sql(
                        "select day, start_time, end_time from date_overrides where doctor_id = :id and day >= current_date - 1 order by day, start_time")
                .bind("id", doctorId)
                .map(row -> new Object[] { row.get("day", LocalDate.class), row.get("start_time", LocalTime.class),
                        row.get("end_time", LocalTime.class) })
                .all()
                .collect(LinkedHashMap::new, (Map<LocalDate, List<LocalInterval>> map, Object[] r) -> {
                    List<LocalInterval> list = map.computeIfAbsent((LocalDate) r[0], k -> new ArrayList<>());
                    if (r[1] != null) {
                        list.add(new LocalInterval((LocalTime) r[1], (LocalTime) r[2]));
                    }
                })
                .map(map -> map.entrySet().stream().map(e -> new DateOverride(e.getKey(), e.getValue())).toList());
        Mono<List<Block>> blocks = db.sql(
                        "select id, starts_at, ends_at, reason from availability_blocks where doctor_id = :id and ends_at > now() order by starts_at")
                .bind("id", doctorId)
                .map(row -> new Block(row.get("id", Long.class), row.get("starts_at", OffsetDateTime.class).toInstant(),
                        row.get("ends_at", OffsetDateTime.class).toInstant(), row.get("reason", String.class)))
                .all().collectList();
        Mono<List<Block>> blocksWithConflicts = blocks.flatMapMany(Flux::fromIterable)
                .concatMap(b -> conflicts(doctorId, b.startsAt(), b.endsAt()).map(b::withConflicts))
                .collectList();
        return Mono.zip(profile.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()), hours,
                        overrides, blocksWithConflicts)
                .map(t -> new View(doctorId, t.getT1().orElse(null), t.getT2(), t.getT3(), t.getT4()));
    }

    public Mono<Void> putProfile(long doctorId, Profile p) {
        try {
            ZoneId.of(p.timezone());
        } catch (DateTimeException e) {
            return Mono.error(ApiException.badRequest("invalid-timezone", "timezone must be an IANA zone id"));
        }
        String languages = p.languages() == null || p.languages().isEmpty() ? "es" : String.join(",", p.languages());
        return db.sql("""
                        insert into doctor_profiles (doctor_id, bio, fee_amount, currency, slot_minutes, buffer_minutes,
                                                     min_notice_minutes, max_advance_days, timezone, languages)
                        values (:id, :bio, :fee, :currency, :slot, :buffer, :notice, :advance, :tz, :languages)
                        on conflict (doctor_id) do update set bio = excluded.bio, fee_amount = excluded.fee_amount,
                            currency = excluded.currency, slot_minutes = excluded.slot_minutes,
                            buffer_minutes = excluded.buffer_minutes, min_notice_minutes = excluded.min_notice_minutes,
                            max_advance_days = excluded.max_advance_days, timezone = excluded.timezone,
                            languages = excluded.languages, updated_at = now()""")
                .bind("id", doctorId)
                .bind("bio", Parameter.fromOrEmpty(p.bio(), String.class))
                .bind("fee", p.feeAmount())
                .bind("currency", p.currency())
                .bind("slot", p.slotMinutes())
                .bind("buffer", p.bufferMinutes() == null ? 0 : p.bufferMinutes())
                .bind("notice", p.minNoticeMinutes() == null ? 60 : p.minNoticeMinutes())
                .bind("advance", p.maxAdvanceDays() == null ? 60 : p.maxAdvanceDays())
                .bind("tz", p.timezone())
                .bind("languages", languages)
                .fetch().rowsUpdated().then(targets.evictAfterCommit(doctorId));
    }

    public Mono<Void> putWorkingHours(long doctorId, List<WorkingHours> hours) {
        for (WorkingHours h : hours) {
            if (h.weekday() < 1 || h.weekday() > 7 || h.start() == null || h.end() == null || !h.end().isAfter(h.start())) {
                return Mono.error(ApiException.unprocessable("invalid-hours",
                        "Each interval needs a weekday 1-7 and a start before its end"));
            }
        }
        Mono<Void> work = db.sql("delete from working_hours where doctor_id = :id").bind("id", doctorId)
                .fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(hours).concatMap(h -> db.sql("""
                                insert into working_hours (doctor_id, weekday, start_time, end_time)
                                values (:id, :day, :start, :end)""")
                        .bind("id", doctorId).bind("day", (short) h.weekday()).bind("start", h.start())
                        .bind("end", h.end()).fetch().rowsUpdated()))
                .then();
        return tx.transactional(work).onErrorMap(org.springframework.dao.DataIntegrityViolationException.class,
                e -> ApiException.unprocessable("invalid-hours", "Intervals of one day must start at different times"))
                .then(targets.evictAfterCommit(doctorId));
    }

    public Mono<Void> putOverride(long doctorId, LocalDate day, List<LocalInterval> intervals) {
        for (LocalInterval i : intervals) {
            if (i.start() == null || i.end() == null || !i.end().isAfter(i.start())) {
                return Mono.error(ApiException.unprocessable("invalid-hours", "Each interval needs a start before its end"));
            }
        }
        Mono<Void> insertAll = intervals.isEmpty()
                ? db.sql("insert into date_overrides (doctor_id, day) values (:id, :day)")
                        .bind("id", doctorId).bind("day", day).fetch().rowsUpdated().then()
                : Flux.fromIterable(intervals).concatMap(i -> db.sql(
                                "insert into date_overrides (doctor_id, day, start_time, end_time) values (:id, :day, :s, :e)")
                        .bind("id", doctorId).bind("day", day).bind("s", i.start()).bind("e", i.end())
                        .fetch().rowsUpdated()).then();
        return tx.transactional(deleteOverride(doctorId, day).then(insertAll))
                .then(targets.evictAfterCommit(doctorId));
    }

    public Mono<Void> deleteOverride(long doctorId, LocalDate day) {
        return db.sql("delete from date_overrides where doctor_id = :id and day = :day")
                .bind("id", doctorId).bind("day", day).fetch().rowsUpdated()
                .then(targets.evictAfterCommit(doctorId));
    }

    public Mono<Block> addBlock(long doctorId, Block block) {
        if (block.startsAt() == null || block.endsAt() == null || !block.endsAt().isAfter(block.startsAt())) {
            return Mono.error(ApiException.unprocessable("invalid-block", "starts_at must be before ends_at"));
        }
        return db.sql("""
                        insert into availability_blocks (doctor_id, starts_at, ends_at, reason)
                        values (:id, :s, :e, :reason) returning id""")
                .bind("id", doctorId)
                .bind("s", block.startsAt().atOffset(ZoneOffset.UTC))
                .bind("e", block.endsAt().atOffset(ZoneOffset.UTC))
                .bind("reason", Parameter.fromOrEmpty(block.reason(), String.class))
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> targets.evictAfterCommit(doctorId)
                        .then(conflicts(doctorId, block.startsAt(), block.endsAt()))
                        .map(found -> new Block(id, block.startsAt(), block.endsAt(), block.reason(), found)));
    }

    /** Consultations that still hold time in [from, to): confirmed, in progress, or a live hold. */
    private Mono<List<Conflict>> conflicts(long doctorId, Instant from, Instant to) {
        return db.sql("""
                        select id, scheduled_at, duration_minutes, status from consultations
                         where doctor_id = :doctor and scheduled_at < :to and occupied_until > :from
                           and (status in ('confirmed', 'in_progress')
                                or (status = 'pending_payment' and hold_expires_at > now()))
                         order by scheduled_at""")
                .bind("doctor", doctorId).bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> new Conflict(row.get("id", Long.class),
                        row.get("scheduled_at", OffsetDateTime.class).toInstant(),
                        row.get("duration_minutes", Integer.class), row.get("status", String.class)))
                .all().collectList();
    }

    public Mono<Void> deleteBlock(long doctorId, long blockId) {
        return db.sql("delete from availability_blocks where doctor_id = :doctor and id = :id")
                .bind("doctor", doctorId).bind("id", blockId).fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("Block")) : Mono.<Void>empty())
                .then(targets.evictAfterCommit(doctorId));
    }
}
