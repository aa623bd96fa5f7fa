package com.telemed.booking.consultations;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.BookingProperties;
import com.telemed.booking.access.CancelledBy;
import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.Availability;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * The consultation state machine. Every change locks the row first, so concurrent and repeated commands see the
 * state the previous one left; events that arrive twice or out of order find a state that no longer accepts them
 * and are only recorded.
 *
 * <pre>
 * pending_payment → confirmed | cancelled
 * confirmed       → in_progress | completed | cancelled | no_show
 * in_progress     → completed
 * </pre>
 */
@Service
public class Lifecycle {

    static final Map<String, Set<String>> TRANSITIONS = Map.of(
            Consultation.PENDING, Set.of(Consultation.CONFIRMED, Consultation.CANCELLED),
            Consultation.CONFIRMED, Set.of(Consultation.IN_PROGRESS, Consultation.COMPLETED, Consultation.CANCELLED,
                    Consultation.NO_SHOW),
            Consultation.IN_PROGRESS, Set.of(Consultation.COMPLETED));

    private final ConsultationStore store;
    private final Booking booking;
    private final Availability availability;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final BookingProperties properties;
    private final ConsultationQueries queries;

    public Lifecycle(ConsultationStore store, Booking booking, Availability availability, OutboxWriter outbox,
            TransactionalOperator tx, BookingProperties properties, ConsultationQueries queries) {
        this.store = store;
        this.booking = booking;
        this.availability = availability;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.queries = queries;
    }

    /** A change asked for by staff or by the patient; null fields are left as they are. */
    public record Change(String status, Instant scheduledAt, String notes, String reason) {
    }

    public Mono<ConsultationView> change(Caller caller, long id, Change change) {
        Mono<ConsultationView> work = store.lockFor(caller, id)
                .flatMap(c -> {
                    if (caller.isAdmin()) {
                        caller.require(caller.canAdminWrite());
                    }
                    if (caller.isPatient() && (change.notes() != null || (change.status() != null
                            && !Consultation.CANCELLED.equals(change.status())))) {
                        return Mono.error(ApiException.forbidden());
                    }
                    Mono<Void> steps = Mono.empty();
                    if (change.notes() != null) {
                        steps = steps.then(store.db().sql("update consultations set notes = :n, updated_at = now() where id = :id")
                                .bind("n", org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                        sealNotes(change.notes()), String.class))
                                .bind("id", c.id()).fetch().rowsUpdated().then());
                    }
                    if (change.scheduledAt() != null && !change.scheduledAt().equals(c.scheduledAt())) {
                        steps = steps.then(doReschedule(caller, c, change.scheduledAt()));
                    }
                    if (change.status() != null && !change.status().equals(c.status())) {
                        steps = steps.then(store.lock(id)).flatMap(fresh -> transition(caller, fresh,
                                change.status(), change.reason()));
                    }
                    return steps.then(store.audit(caller, c.patientId(), "consultation:" + id, "update"))
                            .then(queries.view(caller, id, false));
                });
        return store.auditDenials(tx.transactional(work).onErrorMap(SlotConflicts::translate));
    }

    private String sealNotes(String notes) {
        return queries.sealNotes(notes);
    }

    private Mono<Void> transition(Caller caller, Consultation c, String target, String reason) {
        if (!Consultation.STATUSES.contains(target)) {
            return Mono.error(ApiException.badRequest("invalid-status", "Unknown status"));
        }
        if (!TRANSITIONS.getOrDefault(c.status(), Set.of()).contains(target)) {
            return Mono.error(ApiException.conflict("invalid-transition",
                    "A " + c.status() + " consultation cannot become " + target));
        }
        if (Consultation.CANCELLED.equals(target)) {
            return checkCutoff(caller, c).then(store.cancel(c, reason == null || reason.isBlank()
                    ? CancelledBy.of(caller) + "_request" : reason, CancelledBy.of(caller)));
        }
        if (Consultation.CONFIRMED.equals(target)) {
            if (c.holdExpired(store.now())) {
                return Mono.error(ApiException.conflict("hold-expired", "The slot hold has expired"));
            }
            return store.confirm(c);
        }
        Mono<Void> update = store.db().sql("""
                        update consultations set status = :s, updated_at = now(),
                               started_at = case when :s = 'in_progress' then coalesce(started_at, now()) else started_at end,
                               ended_at = case when :s = 'completed' then coalesce(ended_at, now()) else ended_at end
                         where id = :id""")
                .bind("s", target).bind("id", c.id()).fetch().rowsUpdated().then();
        if (Consultation.COMPLETED.equals(target)) {
            Instant now = store.now();
            update = update.then(store.db().sql("select started_at from consultations where id = :id").bind("id", c.id())
                    .map(row -> java.util.Optional.ofNullable(Consultation.instant(row, "started_at"))).one()
                    .flatMap(started -> outbox.write(new ConsultationCompleted(c.id(), c.patientId(), c.doctorId(),
                            started.orElse(c.scheduledAt()), now), c.id()))
                    .then());
        }
        return update;
    }

    /** Patients may cancel or move only until the cutoff before the consultation; staff at any time. */
    private Mono<Void> checkCutoff(Caller caller, Consultation c) {
        if (caller.isPatient() && !store.now().isBefore(c.scheduledAt().minus(properties.cancelCutoff()))) {
            return Mono.error(ApiException.unprocessable("cutoff-passed",
                    "It is too late to change this consultation online; please contact us"));
        }
        return Mono.empty();
    }

    private Mono<Void> doReschedule(Caller caller, Consultation c, Instant to) {
        if (!c.active()) {
            return Mono.error(ApiException.conflict("invalid-transition", "Only an active consultation can be moved"));
        }
        return checkCutoff(caller, c)
                .then(availability.rulesOf(c.doctorId()))
                .switchIfEmpty(Mono.error(() -> ApiException.unprocessable("slot-unavailable",
                        "The doctor has no availability")))
                .flatMap(rules -> booking.checkSlot(rules, to, caller.isPatient())
                        .then(store.releaseExpiredHolds(c.doctorId(), to, to.plus(rules.occupied())))
                        .then(store.reschedule(c, to, to.plus(rules.occupied()))));
    }

    public Mono<ConsultationView> cancel(Caller caller, long id, String reason) {
        return store.auditDenials(tx.transactional(store.lockFor(caller, id).flatMap(c -> {
                    if (Consultation.CANCELLED.equals(c.status())) {
                        return Mono.<Void>empty(); // already cancelled: the same answer again
                    }
                    return transition(caller, c, Consultation.CANCELLED, reason)
                            .then(store.audit(caller, c.patientId(), "consultation:" + id, "cancel"));
                })
                .then(queries.view(caller, id, false))));
    }

    public Mono<ConsultationView> reschedule(Caller caller, long id, Instant to) {
        if (to == null) {
            return Mono.error(ApiException.badRequest("invalid-request", "scheduled_at is required"));
        }
        return change(caller, id, new Change(null, to, null, null));
    }

    // ----- the patient's secure link -----

    /** The consultation behind a valid manage link; anything else is the same 404. */
    public Mono<Consultation> byManageToken(long id, String token) {
        return store.db().sql("select " + Consultation.COLUMNS + " from consultations where id = :id")
                .bind("id", id).map(Consultation::of).one()
                .filter(c -> OneTimeTokens.matches(token, c.manageTokenHash()) && c.manageTokenExpiresAt() != null
                        && store.now().isBefore(c.manageTokenExpiresAt()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Consultation")));
    }

    public Instant cutoffOf(Consultation c) {
        return c.scheduledAt().minus(properties.cancelCutoff());
    }

    // ----- payment facts -----

    public Mono<Void> paymentConfirmed(PaymentConfirmed paid) {
        return store.lock(paid.consultationId())
                .flatMap(c -> {
                    if (Consultation.PENDING.equals(c.status())) {
                        return store.confirm(c).then(store.setPaymentStatus(c.id(), "paid")).thenReturn("applied");
                    }
                    if (Consultation.CANCELLED.equals(c.status())) {
                        // The hold ran out (or it was cancelled) before the money arrived: never re-occupy the
                        // slot; payment-service refunds what it sees was not applied.
                        return store.setPaymentStatus(c.id(), "paid_not_applied").thenReturn("not_applied");
                    }
                    return Mono.just("duplicate");
                })
                .defaultIfEmpty("unknown_consultation")
                .flatMap(outcome -> fact(paid, outcome));
    }

    private Mono<Void> fact(PaymentConfirmed paid, String outcome) {
        return store.recordPaymentFact(paid.consultationId(), paid.paymentId(), "payment.confirmed", paid.amount(),
                paid.currency(), outcome);
    }

    public Mono<Void> paymentFailed(PaymentFailed failed) {
        return store.lock(failed.consultationId())
                .flatMap(c -> Consultation.PENDING.equals(c.status()) && !"paid".equals(c.paymentStatus())
                        ? store.setPaymentStatus(c.id(), "failed").thenReturn("recorded")
                        : Mono.just("ignored"))
                .defaultIfEmpty("unknown_consultation")
                .flatMap(outcome -> store.recordPaymentFact(failed.consultationId(), failed.paymentId(),
                        "payment.failed", null, null, outcome));
    }

    public Mono<Void> paymentRefunded(PaymentRefunded refunded) {
        return store.lock(refunded.consultationId())
                .flatMap(c -> store.setPaymentStatus(c.id(), "refunded").thenReturn("recorded"))
                .defaultIfEmpty("unknown_consultation")
                .flatMap(outcome -> store.recordPaymentFact(refunded.consultationId(), refunded.paymentId(),
                        "payment.refunded", refunded.refundAmount(), refunded.currency(), outcome));
    }

    // ----- expired holds -----

    /** Holds that expired more than {@code grace} ago and still hold their slot: the sweeper is behind or stuck. */
    public Mono<Long> countExpiredHolds(java.time.Duration grace) {
        return store.countExpiredHolds(grace);
    }

    /** Releases up to {@code limit} expired holds (consultation.cancelled, hold_expired); emits how many. */
    public Mono<Integer> releaseExpiredHolds(int limit) {
        return tx.transactional(store.releaseExpiredHolds(limit));
    }
}
