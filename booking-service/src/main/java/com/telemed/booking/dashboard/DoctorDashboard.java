package com.telemed.booking.dashboard;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import com.telemed.booking.availability.Availability;
import com.telemed.booking.consultations.ConsultationQueries;
import com.telemed.booking.consultations.ConsultationView;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * The doctor's day at a glance in one call: today's consultations and the next ones (days in the doctor's time
 * zone), counts, this week's earnings as booking knows them from payment events, and whether any slot is free in the
 * next seven days. Drafts of clinical records come from clinical-service ({@code /api/v1/doctor/records/drafts}).
 */
@Service
public class DoctorDashboard {

    private static final int NEXT = 5;
    private static final Duration FREE_SLOT_WINDOW = Duration.ofDays(7);

    public record Counts(long today, long upcoming, long pendingPayment) {
    }

    public record Week(Instant from, Instant to, List<ConsultationQueries.Earnings> earnings) {
    }

    @Schema(name = "DoctorDashboard") // two records named View: each its own schema
    public record View(String timezone, Instant dayStartsAt, Instant dayEndsAt, List<ConsultationView> today,
            List<ConsultationView> next, Counts counts, Week week, boolean freeSlotsInNextWeek,
            @Nullable Instant nextFreeSlotAt) {
    }

    private final ConsultationQueries queries;
    private final Availability availability;
    private final DatabaseClient db;
    private final java.time.Clock clock;

    public DoctorDashboard(ConsultationQueries queries, Availability availability, DatabaseClient db,
            java.time.Clock clock) {
        this.queries = queries;
        this.availability = availability;
        this.db = db;
        this.clock = clock;
    }

    public Mono<View> of(Caller caller, String tz) {
        caller.require(caller.isDoctor());
        long doctorId = caller.numericId();
        Instant now = clock.instant();
        return zone(doctorId, tz).flatMap(zone -> {
            LocalDate day = now.atZone(zone).toLocalDate();
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant weekStart = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone)
                    .toInstant();
            Instant weekEnd = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)
                    .atStartOfDay(zone).toInstant();
            Mono<List<ConsultationView>> today = queries.list(caller, new ConsultationQueries.Filter(null, null,
                    null, null, dayStart, dayEnd, 0, 100, true)).map(p -> p.items().stream()
                            .filter(c -> !"cancelled".equals(c.status())).toList());
            Mono<List<ConsultationView>> next = queries.list(caller, new ConsultationQueries.Filter("confirmed",
                    null, null, null, dayEnd, null, 0, NEXT, true)).map(p -> p.items());
            Mono<Long> upcoming = count(doctorId, "status = 'confirmed' and scheduled_at >= :from", now);
            Mono<Long> pending = count(doctorId,
                    "status = 'pending_payment' and hold_expires_at > :from", now);
            Mono<List<ConsultationQueries.Earnings>> earnings = queries.earnings(caller, weekStart, weekEnd);
            Mono<java.util.Optional<Instant>> freeSlot = availability.rulesOf(doctorId)
                    .flatMap(rules -> availability.freeSlots(doctorId, rules, now, now.plus(FREE_SLOT_WINDOW)))
                    .map(slots -> slots.stream().findFirst().map(s -> s.startsAt()))
                    .defaultIfEmpty(java.util.Optional.empty());
            return Mono.zip(today, next, upcoming, pending, earnings, freeSlot)
                    .map(t -> new View(zone.getId(), dayStart, dayEnd, t.getT1(), t.getT2(),
                            new Counts(t.getT1().size(), t.getT3(), t.getT4()),
                            new Week(weekStart, weekEnd, t.getT5()), t.getT6().isPresent(),
                            t.getT6().orElse(null)));
        });
    }

    /** The zone asked for, else the doctor's own (profile), else UTC. */
    private Mono<ZoneId> zone(long doctorId, String tz) {
        if (tz != null && !tz.isBlank()) {
            try {
                return Mono.just(ZoneId.of(tz.trim()));
            } catch (java.time.DateTimeException e) {
                return Mono.error(ApiException.badRequest("invalid-timezone", "tz must be an IANA zone id"));
            }
        }
        return db.sql("select timezone from doctor_profiles where doctor_id = :id").bind("id", doctorId)
                .map(row -> ZoneId.of(row.get("timezone", String.class))).one()
                .defaultIfEmpty(ZoneId.of("UTC"));
    }

    private Mono<Long> count(long doctorId, String condition, Instant from) {
        return db.sql("select count(*) as n from consultations where doctor_id = :doctor and " + condition)
                .bind("doctor", doctorId).bind("from", from.atOffset(java.time.ZoneOffset.UTC))
                .map(row -> row.get("n", Long.class)).one();
    }
}
