package com.telemed.booking.consultations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/** Row access, ownership checks and the events of consultation changes; callers run these in a transaction. */
@Component
class ConsultationStore {

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final Patients patients;
    private final EventSeal seal;
    private final Clock clock;

    ConsultationStore(DatabaseClient db, OutboxWriter outbox, AuditLog audit, Patients patients, EventSeal seal,
            Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.audit = audit;
        this.patients = patients;
        this.seal = seal;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    DatabaseClient db() {
        return db;
    }

    /** The consultation, locked for update, if it exists. */
    Mono<Consultation> lock(long id) {
        return db.sql("select " + Consultation.COLUMNS + " from consultations where id = :id for update")
                .bind("id", id).map(Consultation::of).one();
    }

    /**
     * The consultation locked for update if the caller may see it: admins any, doctors their own, patients theirs.
     * Anyone else gets the same 404 as for a missing id, so existence never leaks across owners.
     */
    Mono<Consultation> lockFor(Caller caller, long id) {
        return lock(id).filter(c -> owns(caller, c))
                .switchIfEmpty(Mono.defer(() -> denied(caller, id)));
    }

    Mono<Consultation> readFor(Caller caller, long id) {
        return db.sql("select " + Consultation.COLUMNS + " from consultations where id = :id")
                .bind("id", id).map(Consultation::of).one()
                .filter(c -> owns(caller, c))
                .switchIfEmpty(Mono.defer(() -> denied(caller, id)));
    }

    private Mono<Consultation> denied(Caller caller, long id) {
        return Mono.error(new Denied(caller, id));
    }

    /** A refused access: answered as 404 and audited after the refused transaction has rolled back. */
    static final class Denied extends RuntimeException {
        final transient Caller caller;
        final long id;

        Denied(Caller caller, long id) {
            super("denied", null, false, false);
            this.caller = caller;
            this.id = id;
        }
    }

    /** Records refused accesses of {@code work} (which may run in a transaction) in a transaction of their own. */
    <T> Mono<T> auditDenials(Mono<T> work) {
        return work.onErrorResume(Denied.class, d -> audit.record(AuditEntry.denied(d.caller.id(), d.caller.role(),
                        null, "consultation:" + d.id, "access"))
                .then(Mono.error(ApiException.notFound("Consultation"))));
    }

    static boolean owns(Caller caller, Consultation c) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.isDoctor()) {
            return String.valueOf(c.doctorId()).equals(caller.id());
        }
        if (caller.isPatient()) {
            return String.valueOf(c.patientId()).equals(caller.id());
        }
        return false;
    }

    Mono<Void> audit(Caller caller, Long patientId, String resource, String action) {
        return audit.record(AuditEntry.success(caller.id(), caller.role(), patientId, resource, action));
    }

    Mono<Void> audit(AuditEntry entry) {
        return audit.record(entry);
    }

    Mono<String> doctorName(long doctorId) {
        return db.sql("select full_name from doctors where id = :id").bind("id", doctorId)
                .map(row -> row.get("full_name", String.class)).one().defaultIfEmpty("");
    }

    /** Cancels (status, reason, who, when), revokes the manage link and publishes consultation.cancelled. */
    Mono<Void> cancel(Consultation c, String reason, String cancelledBy) {
        Instant now = now();
        return db.sql("""
                        update consultations set status = 'cancelled', cancel_reason = :reason, cancelled_by = :by,
                               cancelled_at = :now, manage_token_hash = null, updated_at = :now where id = :id""")
                .bind("reason", reason).bind("by", cancelledBy).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", c.id())
                .fetch().rowsUpdated()
                .then(outbox.write(new ConsultationCancelled(c.id(), c.patientId(), c.doctorId(), c.scheduledAt(),
                        reason, cancelledBy, now), c.id()))
                .then();
    }

    /** Confirms, issues the patient's manage-link token (hash stored, token sealed into the event). */
    Mono<Void> confirm(Consultation c) {
        String token = OneTimeTokens.issue();
        Instant tokenExpires = c.scheduledAt().plus(java.time.Duration.ofDays(1));
        Mono<Long> update = db.sql("""
                        update consultations set status = 'confirmed', hold_expires_at = null,
                               manage_token_hash = :hash, manage_token_expires_at = :expires, updated_at = now()
                         where id = :id""")
                .bind("hash", OneTimeTokens.hash(token)).bind("expires", tokenExpires.atOffset(ZoneOffset.UTC))
                .bind("id", c.id()).fetch().rowsUpdated();
        Mono<String[]> patient = db.sql("select full_name, email from patients where id = :id").bind("id", c.patientId())
                .map(row -> new String[] { patients.decryptName(row.get("full_name", String.class)),
                        patients.decryptEmail(row.get("email", String.class)) })
                .one();
        // Reading the patient's name and email for the confirmation is an access to patient data: audited.
        return update.then(audit(Caller.SYSTEM, c.patientId(), "consultation:" + c.id(), "confirm"))
                .then(Mono.zip(patient, doctorName(c.doctorId())))
                .flatMap(t -> outbox.write(new ConsultationConfirmed(c.id(), c.patientId(), c.doctorId(),
                        c.specialty(), c.scheduledAt(), c.durationMinutes(), c.amount(), c.currency(), t.getT1()[1],
                        t.getT1()[0], t.getT2(), c.locale(), c.timezone() == null ? "UTC" : c.timezone(),
                        seal.seal("consultation.confirmed", "sealed_manage_token", token)), c.id()))
                .then();
    }

    /** Moves the consultation; an overlap with another live consultation is refused by the database (409). */
    Mono<Void> reschedule(Consultation c, Instant startsAt, Instant occupiedUntil) {
        return db.sql("""
                        update consultations set scheduled_at = :at, occupied_until = :until, updated_at = now()
                         where id = :id""")
                .bind("at", startsAt.atOffset(ZoneOffset.UTC)).bind("until", occupiedUntil.atOffset(ZoneOffset.UTC))
                .bind("id", c.id())
                .fetch().rowsUpdated()
                .then(outbox.write(new ConsultationRescheduled(c.id(), c.patientId(), c.doctorId(), c.scheduledAt(),
                        startsAt, c.durationMinutes()), c.id()))
                .then();
    }

    /** The statement that releases expired holds; each caller adds which rows. */
    private static final String RELEASE_EXPIRED = """
            update consultations set status = 'cancelled', cancel_reason = 'hold_expired', cancelled_by = 'system',
                   cancelled_at = :now, manage_token_hash = null, updated_at = :now
            """;

    /**
     * Cancels this doctor's expired holds that overlap a range, so the slot is free for a new booking at once. A
     * hold the sweeper is releasing at this very moment is waited for (the update takes the row lock), never
     * skipped: when the sweeper commits, the row no longer matches and the slot is free either way.
     */
    Mono<Integer> releaseExpiredHolds(long doctorId, Instant from, Instant until) {
        Instant now = now();
        return db.sql(RELEASE_EXPIRED + """
                         where doctor_id = :doctor and status = 'pending_payment' and hold_expires_at <= :now
                           and scheduled_at < :until and occupied_until > :from
                        returning\s""" + Consultation.COLUMNS)
                .bind("doctor", doctorId).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("until", until.atOffset(ZoneOffset.UTC))
                .map(Consultation::of).all()
                .collectList()
                .flatMap(released -> announceReleased(released, now));
    }

    /**
     * Releases up to {@code limit} expired holds, oldest first, in one statement; rows someone else holds locked
     * right now are skipped (their owner is changing them). Emits how many were released.
     * <p>
     * The rows are read to the end before anything else runs on the connection: streaming them into further
     * statements on the same connection (a cursor still open while the next statement waits for it) is what once
     * stalled this sweep inside its transaction.
     */
    Mono<Integer> releaseExpiredHolds(int limit) {
        Instant now = now();
        return db.sql(RELEASE_EXPIRED + """
                         where id in (select id from consultations
                                       where status = 'pending_payment' and hold_expires_at <= :now
                                       order by hold_expires_at
                                       limit :limit
                                         for update skip locked)
                        returning\s""" + Consultation.COLUMNS)
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("limit", limit)
                .map(Consultation::of).all()
                .collectList()
                .flatMap(released -> announceReleased(released, now));
    }

    Mono<Long> countExpiredHolds(java.time.Duration grace) {
        return db.sql("""
                        select count(*) as n from consultations
                         where status = 'pending_payment' and hold_expires_at <= :before""")
                .bind("before", now().minus(grace).atOffset(ZoneOffset.UTC))
                .map(row -> row.get("n", Long.class)).one();
    }

    /** Writes consultation.cancelled (hold_expired) for each released hold; emits how many. */
    private Mono<Integer> announceReleased(List<Consultation> released, Instant now) {
        return outbox.writeAll(released.stream()
                .map(c -> new OutboxWriter.Pending(new ConsultationCancelled(c.id(), c.patientId(), c.doctorId(),
                        c.scheduledAt(), "hold_expired", "system", now), c.id()))
                .toList());
    }

    Mono<Void> recordPaymentFact(long consultationId, long paymentId, String fact, Long amount, String currency,
            String outcome) {
        return db.sql("""
                        insert into payment_facts (consultation_id, payment_id, fact, amount, currency, outcome)
                        values (:c, :p, :fact, :amount, :currency, :outcome)""")
                .bind("c", consultationId).bind("p", paymentId).bind("fact", fact)
                .bind("amount", org.springframework.r2dbc.core.Parameter.fromOrEmpty(amount, Long.class))
                .bind("currency", org.springframework.r2dbc.core.Parameter.fromOrEmpty(currency, String.class))
                .bind("outcome", outcome)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> setPaymentStatus(long id, String paymentStatus) {
        return db.sql("update consultations set payment_status = :s, updated_at = now() where id = :id")
                .bind("s", paymentStatus).bind("id", id).fetch().rowsUpdated().then();
    }
}
