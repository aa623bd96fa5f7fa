package com.telemed.booking.consultations;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventType;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.crypto.OneTimeTokens;

import io.r2dbc.spi.Readable;
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

    /**
     * Makes the transactions that add to one doctor's agenda take turns, as their first statement. Without it,
     * concurrent inserts for one slot each wait on the other's uncommitted row under the no-double-booking
     * constraint and PostgreSQL breaks the deadlock only after deadlock_timeout; a burst for one popular slot then
     * held every pooled connection for seconds. Taking turns, the next insert sees the winner's committed row and
     * fails at once with "slot taken". Held until commit; other doctors are not affected.
     */
    Mono<Void> lockAgenda(long doctorId) {
        return db.sql("""
                        select pg_advisory_xact_lock(hashtext(current_schema() || '.agenda'),
                                                     hashtext(cast(:doctor as text)))""")
                .bind("doctor", doctorId).fetch().first().then();
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
        return find(id)
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

    /**
     * Cancels (status, reason code, who, when, the caller's own words encrypted), revokes the manage link and
     * publishes consultation.cancelled with the code only: free text may be clinical and never travels in events.
     */
    Mono<Void> cancel(Consultation c, String reason, String cancelledBy) {
        return cancel(c, reason, null, cancelledBy);
    }

    Mono<Void> cancel(Consultation c, String reason, String noteCipher, String cancelledBy) {
        Instant now = now();
        return db.sql("""
                        update consultations set status = 'cancelled', cancel_reason = :reason, cancelled_by = :by,
                               cancel_note = :note, cancelled_at = :now, manage_token_hash = null, updated_at = :now
                         where id = :id""")
                .bind("reason", reason).bind("by", cancelledBy).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("note", Parameter.fromOrEmpty(noteCipher, String.class))
                .bind("id", c.id())
                .fetch().rowsUpdated()
                .then(outbox.write(new ConsultationCancelled(c.id(), c.patientId(), c.doctorId(), c.scheduledAt(),
                        reason, cancelledBy, now), c.id()))
                .then();
    }

    private static final String CONFIRMED = EventType.of(ConsultationConfirmed.class).typeName();

    /**
     * Confirms, issues the patient's manage-link token (hash stored, token sealed into the event) and announces it
     * with how it was paid ({@link ConsultationConfirmed#ONLINE} or {@link ConsultationConfirmed#PAID_AT_CLINIC}).
     */
    Mono<Void> confirm(Consultation c, String paymentMode) {
        return confirm(c, paymentMode, false);
    }

    /**
     * Confirms a consultation a doctor (or an administrator) booked to be paid at the clinic or free: the payment
     * status says so ({@code at_clinic}, {@code free}) and the event carries the mode, so neither the emails nor
     * payment-service ever take it for an online payment.
     */
    Mono<Void> confirmWithoutPayment(Consultation c, PaymentMode mode, boolean identityWithheld) {
        return setPaymentStatus(c.id(), mode.paymentStatus())
                .then(confirm(c, mode.eventMode(), identityWithheld));
    }

    private Mono<Void> confirm(Consultation c, String paymentMode, boolean identityWithheld) {
        String token = OneTimeTokens.issue();
        Instant tokenExpires = c.scheduledAt().plus(java.time.Duration.ofDays(1));
        Mono<Long> update = db.sql("""
                        update consultations set status = 'confirmed', hold_expires_at = null,
                               manage_token_hash = :hash, manage_token_expires_at = :expires, updated_at = now()
                         where id = :id""")
                .bind("hash", OneTimeTokens.hash(token)).bind("expires", tokenExpires.atOffset(ZoneOffset.UTC))
                .bind("id", c.id()).fetch().rowsUpdated();
        // Reading the patient's name and email for the confirmation is an access to patient data: audited.
        return update.then(audit(Caller.SYSTEM, c.patientId(), "consultation:" + c.id(), "confirm"))
                .then(Mono.zip(patients.byId(c.patientId()), doctorName(c.doctorId())))
                .flatMap(t -> outbox.write(new ConsultationConfirmed(c.id(), c.patientId(), c.doctorId(),
                        c.specialty(), c.scheduledAt(), c.durationMinutes(), c.amount(), c.currency(),
                        seal.seal(CONFIRMED, ConsultationConfirmed.SEALED_PATIENT_EMAIL, t.getT1().email()),
                        seal.seal(CONFIRMED, ConsultationConfirmed.SEALED_PATIENT_NAME, t.getT1().fullName()),
                        t.getT2(), c.locale(), c.timezone() == null ? "UTC" : c.timezone(),
                        seal.seal(CONFIRMED, ConsultationConfirmed.SEALED_MANAGE_TOKEN, token), paymentMode,
                        identityWithheld ? Boolean.TRUE : null), c.id()))
                .then();
    }

    private static final String COMPLETED = EventType.of(ConsultationCompleted.class).typeName();

    /**
     * Announces a completed consultation. The patient's address goes sealed, for auth-service to issue the login
     * link of the visit-summary email (ADR 12); reading it is an access to patient data, audited like the
     * confirmation's.
     */
    Mono<Void> announceCompleted(Consultation c, Instant startedAt, Instant endedAt) {
        return audit(Caller.SYSTEM, c.patientId(), "consultation:" + c.id(), "complete-announce")
                .then(patients.byId(c.patientId()))
                .flatMap(patient -> outbox.write(new ConsultationCompleted(c.id(), c.patientId(), c.doctorId(),
                        startedAt, endedAt,
                        seal.seal(COMPLETED, ConsultationCompleted.SEALED_PATIENT_EMAIL, patient.email()),
                        c.locale()), c.id()))
                .then();
    }

    /** Records that an administrator confirmed the consultation as paid at the clinic, and why (encrypted). */
    Mono<Void> recordPaidAtClinic(long id, String reasonCipher) {
        return db.sql("""
                        update consultations set payment_status = 'paid_at_clinic', payment_note = :note,
                               updated_at = now() where id = :id""")
                .bind("note", reasonCipher).bind("id", id).fetch().rowsUpdated().then();
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

    // ----- reads for staff and patients -----

    /** The states in which a patient has (or had) a care relationship with the doctor, as SQL. */
    private static final String CARE_STATUSES = ConsultationStatus.CARE.stream()
            .map(s -> "'" + s.wire() + "'").sorted().collect(Collectors.joining(", ", "(", ")"));

    /**
     * Consultation columns with the patient's (encrypted) and the doctor's name, for answers; {@code care} says
     * whether the patient has a care relationship with the consultation's doctor (see {@link #hasCareRelationship}).
     */
    private static final String VIEW_SELECT = """
            select c.id, c.patient_id, c.doctor_id, c.specialty, c.consultation_type, c.reason_for_visit, c.notes,
                   c.scheduled_at, c.duration_minutes, c.status, c.amount, c.currency, c.hold_expires_at,
                   c.payment_status, c.timezone, c.cancel_reason, c.cancel_note, c.created_at,
                   p.full_name as patient_name, d.full_name as doctor_name,
                   d.license_number as doctor_license_number,
                   exists (select 1 from consultations r where r.patient_id = c.patient_id
                              and r.doctor_id = c.doctor_id and r.status in %s
                              and not r.identity_withheld) as care
              from consultations c join patients p on p.id = c.patient_id join doctors d on d.id = c.doctor_id
            """.formatted(CARE_STATUSES);

    private static final String FILTER = """
             where (cast(:status as text) is null or c.status = cast(:status as text))
               and (cast(:paymentStatus as text) is null or c.payment_status = cast(:paymentStatus as text))
               and (cast(:doctor as bigint) is null or c.doctor_id = cast(:doctor as bigint))
               and (cast(:patient as bigint) is null or c.patient_id = cast(:patient as bigint))
               and (cast(:from as timestamptz) is null or c.scheduled_at >= cast(:from as timestamptz))
               and (cast(:to as timestamptz) is null or c.scheduled_at < cast(:to as timestamptz))
            """;

    /** One consultation read with {@link #VIEW_SELECT}'s columns. */
    <T> Mono<T> view(long id, Function<Readable, T> mapper) {
        return db.sql(VIEW_SELECT + " where c.id = :id").bind("id", id).map(mapper::apply).one();
    }

    /** A page of consultations matching the filter (doctor and patient as given), newest first, with the total. */
    <T> Mono<Page<T>> views(ConsultationQueries.Filter f, Long doctor, Long patient, Function<Readable, T> mapper) {
        String order = f.upcomingFirst() ? " order by c.scheduled_at asc, c.id asc"
                : " order by c.scheduled_at desc, c.id desc";
        Mono<List<T>> items = bindFilter(db.sql(VIEW_SELECT + FILTER
                        + order + " limit :limit offset :offset"), f, doctor, patient)
                .bind("limit", f.size()).bind("offset", (long) f.page() * f.size())
                .map(mapper::apply).all().collectList();
        Mono<Long> total = bindFilter(db.sql("select count(*) as n from consultations c" + FILTER), f, doctor, patient)
                .map(row -> row.get("n", Long.class)).one();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), f.page(), f.size(), t.getT2()));
    }

    private static DatabaseClient.GenericExecuteSpec bindFilter(DatabaseClient.GenericExecuteSpec spec,
            ConsultationQueries.Filter f, Long doctor, Long patient) {
        return spec.bind("status", Parameter.fromOrEmpty(f.status(), String.class))
                .bind("paymentStatus", Parameter.fromOrEmpty(f.paymentStatus(), String.class))
                .bind("doctor", Parameter.fromOrEmpty(doctor, Long.class))
                .bind("patient", Parameter.fromOrEmpty(patient, Long.class))
                .bind("from", Parameter.fromOrEmpty(f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC),
                        OffsetDateTime.class))
                .bind("to", Parameter.fromOrEmpty(f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC),
                        OffsetDateTime.class));
    }

    /** What this doctor's consultations in [from, to) brought in, by currency: paid online or at the clinic. */
    Mono<List<ConsultationQueries.Earnings>> earnings(long doctorId, Instant from, Instant to) {
        return db.sql("""
                        select currency, coalesce(sum(amount), 0) as amount, count(*) as n from consultations
                         where doctor_id = :doctor and scheduled_at >= :from and scheduled_at < :to
                           and payment_status in ('paid', 'paid_at_clinic') group by currency order by currency""")
                .bind("doctor", doctorId).bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> new ConsultationQueries.Earnings(row.get("currency", String.class),
                        row.get("amount", Long.class), row.get("n", Long.class)))
                .all().collectList();
    }

    /** How many consultations are scheduled in [from, to), by status. */
    Mono<Map<String, Long>> countsByStatus(Instant from, Instant to) {
        return db.sql("""
                        select status, count(*) as n from consultations
                         where scheduled_at >= :from and scheduled_at < :to group by status""")
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> Map.entry(row.get("status", String.class), row.get("n", Long.class))).all()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()));
    }

    /** How many consultations a patient has (with one doctor, or with any) and when the last one is. */
    record PatientConsultations(long patientId, long count, Instant last) {
    }

    private static PatientConsultations patientConsultations(Readable row) {
        return new PatientConsultations(row.get("patient_id", Long.class), row.get("n", Long.class),
                Consultation.instant(row, "last_at"));
    }

    /** The patients with a care relationship with this doctor, the most recent consultation first. */
    Mono<List<PatientConsultations>> patientsOf(long doctorId) {
        return db.sql("""
                        select patient_id, count(*) as n, max(scheduled_at) as last_at from consultations
                         where doctor_id = :doctor group by patient_id
                        having bool_or(status in %s and not identity_withheld)
                         order by max(scheduled_at) desc""".formatted(CARE_STATUSES))
                .bind("doctor", doctorId)
                .map(ConsultationStore::patientConsultations).all().collectList();
    }

    /** Each of these patients' consultations with any doctor (patients without any are left out). */
    Mono<Map<Long, PatientConsultations>> consultationsOf(List<Long> patientIds) {
        if (patientIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        select patient_id, count(*) as n, max(scheduled_at) as last_at from consultations
                         where patient_id = any(:ids) group by patient_id""")
                .bind("ids", patientIds.toArray(Long[]::new))
                .map(ConsultationStore::patientConsultations).all()
                .collectMap(PatientConsultations::patientId);
    }

    /**
     * Whether the patient has a care relationship with this doctor: a consultation with them that is or was
     * confirmed (confirmed, in progress, completed or no-show). A hold pending payment is not one: anyone can
     * make it with only an email address.
     */
    Mono<Boolean> hasCareRelationship(long patientId, long doctorId) {
        return db.sql("select 1 from consultations where patient_id = :p and doctor_id = :d and status in "
                        + CARE_STATUSES + " and not identity_withheld limit 1")
                .bind("p", patientId).bind("d", doctorId).fetch().first().hasElement();
    }

    // ----- new consultations -----

    /** What a new consultation pending payment is made of (the reason already encrypted). */
    record NewConsultation(long doctorId, String specialty, String reasonCipher, Instant scheduledAt,
            int durationMinutes, Instant occupiedUntil, long amount, String currency, Instant holdExpiresAt,
            String locale, String timezone, String bookedBy, String clientIp, boolean identityWithheld) {

        NewConsultation(long doctorId, String specialty, String reasonCipher, Instant scheduledAt,
                int durationMinutes, Instant occupiedUntil, long amount, String currency, Instant holdExpiresAt,
                String locale, String timezone, String bookedBy, String clientIp) {
            this(doctorId, specialty, reasonCipher, scheduledAt, durationMinutes, occupiedUntil, amount, currency,
                    holdExpiresAt, locale, timezone, bookedBy, clientIp, false);
        }

        /** A consultation free of charge costs nothing. */
        NewConsultation free() {
            return new NewConsultation(doctorId, specialty, reasonCipher, scheduledAt, durationMinutes, occupiedUntil,
                    0, currency, holdExpiresAt, locale, timezone, bookedBy, clientIp, identityWithheld);
        }

        NewConsultation withIdentityWithheld(boolean withheld) {
            return new NewConsultation(doctorId, specialty, reasonCipher, scheduledAt, durationMinutes, occupiedUntil,
                    amount, currency, holdExpiresAt, locale, timezone, bookedBy, clientIp, withheld);
        }
    }

    private static final String INSERT = """
            insert into consultations (patient_id, doctor_id, specialty, reason_for_visit, scheduled_at,
                   duration_minutes, occupied_until, status, amount, currency, hold_expires_at, locale, timezone,
                   booked_by, client_ip, identity_withheld)
            """;
    private static final String VALUES_AFTER_PATIENT = """
            :doctor, :specialty, :reason, :at, :duration, :until, 'pending_payment', :amount, :currency, :hold,
                   :locale, :tz, :bookedBy, :clientIp, :withheld""";
    private static final String INSERT_FOR_NEW_OR_KNOWN_PATIENT = INSERT + "select patient.id, "
            + VALUES_AFTER_PATIENT + " from patient returning " + Consultation.COLUMNS;
    private static final String INSERT_FOR_PATIENT = INSERT + "values (:patient, " + VALUES_AFTER_PATIENT
            + ") returning " + Consultation.COLUMNS;

    /** Finds or creates the patient with these details and inserts the consultation, in one statement. */
    Mono<Consultation> insert(Patients.Contact contact, NewConsultation n) {
        return bind(patients.withPatient(contact, INSERT_FOR_NEW_OR_KNOWN_PATIENT), n).map(Consultation::of).one();
    }

    /** Inserts the consultation of a known patient. */
    Mono<Consultation> insert(long patientId, NewConsultation n) {
        return bind(db.sql(INSERT_FOR_PATIENT).bind("patient", patientId), n).map(Consultation::of).one();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, NewConsultation n) {
        return spec.bind("doctor", n.doctorId())
                .bind("specialty", Parameter.fromOrEmpty(n.specialty(), String.class))
                .bind("reason", Parameter.fromOrEmpty(n.reasonCipher(), String.class))
                .bind("at", n.scheduledAt().atOffset(ZoneOffset.UTC))
                .bind("duration", n.durationMinutes())
                .bind("until", n.occupiedUntil().atOffset(ZoneOffset.UTC))
                .bind("amount", n.amount())
                .bind("currency", n.currency())
                .bind("hold", n.holdExpiresAt().atOffset(ZoneOffset.UTC))
                .bind("locale", n.locale())
                .bind("tz", n.timezone())
                .bind("bookedBy", n.bookedBy())
                .bind("clientIp", Parameter.fromOrEmpty(n.clientIp(), String.class))
                .bind("withheld", n.identityWithheld());
    }

    /**
     * Live holds (pending payment, hold not run out) of a patient, leaving out one doctor's slot (asking again for
     * the same slot is not one more hold), counted up to {@code atMost}: the cap needs no more.
     */
    Mono<Long> liveHoldsOfPatient(long patientId, long exceptDoctor, Instant exceptAt, int atMost) {
        return liveHolds("patient_id", patientId, exceptDoctor, exceptAt, atMost);
    }

    /**
     * The same from one client address, counted up to {@code atMost}: one busy address (a clinic behind one public
     * address) would otherwise make every booking from it count all of its holds.
     */
    Mono<Long> liveHoldsFromAddress(String clientIp, long exceptDoctor, Instant exceptAt, int atMost) {
        return liveHolds("client_ip", clientIp, exceptDoctor, exceptAt, atMost);
    }

    /** {@code column} is one of the two above, each with a partial index on (column, hold_expires_at). */
    private Mono<Long> liveHolds(String column, Object value, long exceptDoctor, Instant exceptAt, int atMost) {
        return db.sql("""
                        select count(*) as n from (
                               select 1 from consultations
                                where %s = :value and status = 'pending_payment' and hold_expires_at > :now
                                  and not (doctor_id = :doctor and scheduled_at = :at)
                                limit :atMost) capped""".formatted(column))
                .bind("value", value)
                .bind("now", now().atOffset(ZoneOffset.UTC))
                .bind("doctor", exceptDoctor).bind("at", exceptAt.atOffset(ZoneOffset.UTC))
                .bind("atMost", Math.max(atMost, 0))
                .map(row -> row.get("n", Long.class)).one();
    }

    /** This patient's live hold on this doctor's slot, locked, if there is one. */
    Mono<Consultation> liveHold(long patientId, long doctorId, Instant at) {
        return db.sql("select " + Consultation.COLUMNS + """
                         from consultations
                        where patient_id = :patient and doctor_id = :doctor and scheduled_at = :at
                          and status = 'pending_payment' and hold_expires_at > :now
                          for update""")
                .bind("patient", patientId).bind("doctor", doctorId)
                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("now", now().atOffset(ZoneOffset.UTC))
                .map(Consultation::of).one();
    }

    // ----- changes -----

    Mono<Void> setNotes(long id, String notesCipher) {
        return db.sql("update consultations set notes = :n, updated_at = now() where id = :id")
                .bind("n", Parameter.fromOrEmpty(notesCipher, String.class))
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /** Moves to a state other than confirmed or cancelled (those carry more: see confirm and cancel). */
    Mono<Void> setStatus(long id, ConsultationStatus status) {
        return db.sql("""
                        update consultations set status = :s, updated_at = now(),
                               started_at = case when :s = 'in_progress' then coalesce(started_at, now()) else started_at end,
                               ended_at = case when :s = 'completed' then coalesce(ended_at, now()) else ended_at end
                         where id = :id""")
                .bind("s", status.wire()).bind("id", id).fetch().rowsUpdated().then();
    }

    /** Records a consultation as held and completed between these times (the local demo's past consultation). */
    Mono<Void> completedAt(long id, Instant startedAt, Instant endedAt) {
        return db.sql("""
                        update consultations set status = 'completed', started_at = :at, ended_at = :end,
                               updated_at = now() where id = :id""")
                .bind("at", startedAt.atOffset(ZoneOffset.UTC)).bind("end", endedAt.atOffset(ZoneOffset.UTC))
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /** Whether this doctor and patient have any consultation at all. */
    Mono<Boolean> anyBetween(long doctorId, long patientId) {
        return db.sql("select count(*) as n from consultations where doctor_id = :d and patient_id = :p")
                .bind("d", doctorId).bind("p", patientId)
                .map(row -> row.get("n", Long.class) > 0).one();
    }

    /** The directory id of the doctor with this licence number, if that doctor has arrived. */
    Mono<Long> doctorIdByLicense(String license) {
        return db.sql("select id from doctors where license_number = :license").bind("license", license)
                .map(row -> row.get("id", Long.class)).one();
    }

    /** Records the video session's times (spec columns); a start already recorded is kept. */
    Mono<Void> videoTimes(long id, Instant startedAt, Instant endedAt) {
        return db.sql("""
                        update consultations set started_at = coalesce(started_at, :started),
                               ended_at = coalesce(:ended, ended_at), updated_at = now() where id = :id""")
                .bind("started", startedAt.atOffset(ZoneOffset.UTC))
                .bind("ended", org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                        endedAt == null ? null : endedAt.atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class))
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /** When the consultation started (empty if it never did). */
    Mono<Instant> startedAt(long id) {
        return db.sql("select started_at from consultations where id = :id").bind("id", id)
                .map(row -> java.util.Optional.ofNullable(Consultation.instant(row, "started_at"))).one()
                .flatMap(Mono::justOrEmpty);
    }

    /** The consultation, unlocked, if it exists. */
    Mono<Consultation> find(long id) {
        return db.sql("select " + Consultation.COLUMNS + " from consultations where id = :id")
                .bind("id", id).map(Consultation::of).one();
    }

    Mono<Void> recordPaymentFact(long consultationId, long paymentId, String fact, Long amount, String currency,
            String outcome) {
        return db.sql("""
                        insert into payment_facts (consultation_id, payment_id, fact, amount, currency, outcome)
                        values (:c, :p, :fact, :amount, :currency, :outcome)""")
                .bind("c", consultationId).bind("p", paymentId).bind("fact", fact)
                .bind("amount", Parameter.fromOrEmpty(amount, Long.class))
                .bind("currency", Parameter.fromOrEmpty(currency, String.class))
                .bind("outcome", outcome)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> setPaymentStatus(long id, String paymentStatus) {
        return db.sql("update consultations set payment_status = :s, updated_at = now() where id = :id")
                .bind("s", paymentStatus).bind("id", id).fetch().rowsUpdated().then();
    }
}
