package com.telemed.booking.consultations;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.BookingProperties;
import com.telemed.booking.access.CancelledBy;
import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.Availability;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.events.VideoNoShow;
import com.telemed.events.VideoSessionEnded;
import com.telemed.events.VideoSessionStarted;
import com.telemed.servicekit.db.Contention;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * The consultation state machine ({@link ConsultationStatus}). Every change locks the row first, so concurrent and
 * repeated commands see the state the previous one left; events that arrive twice or out of order find a state that
 * no longer accepts them and are only recorded.
 */
@Service
public class Lifecycle {

    private final ConsultationStore store;
    private final Availability availability;
    private final TransactionalOperator tx;
    private final BookingProperties properties;
    private final ConsultationQueries queries;

    public Lifecycle(ConsultationStore store, Availability availability,
            TransactionalOperator tx, BookingProperties properties, ConsultationQueries queries) {
        this.store = store;
        this.availability = availability;
        this.tx = tx;
        this.properties = properties;
        this.queries = queries;
    }

    /**
     * A change asked for by staff or by the patient; null fields are left as they are. {@code paymentMode}
     * {@code paid_at_clinic} (with a {@code reason}) is how an administrator confirms a consultation paid at the
     * clinic; nothing else confirms one but its payment.
     */
    public record Change(String status, Instant scheduledAt, String notes, String reason, String paymentMode) {
        public Change(String status, Instant scheduledAt, String notes, String reason) {
            this(status, scheduledAt, notes, reason, null);
        }
    }

    public Mono<ConsultationView> change(Caller caller, long id, Change change) {
        // An admin who may only read (it_admin) is refused before the lookup, so the answer is the same 403 for
        // an id that exists and one that does not.
        Mono<ConsultationView> work = Mono.fromRunnable(() -> caller.require(!caller.isAdmin() || caller.canAdminWrite()))
                .then(store.lockFor(caller, id))
                .flatMap(c -> {
                    if (caller.isPatient() && (change.notes() != null || (change.status() != null
                            && !ConsultationStatus.CANCELLED.wire().equals(change.status())))) {
                        return Mono.error(ApiException.forbidden());
                    }
                    Mono<Void> steps = Mono.empty();
                    if (change.notes() != null) {
                        steps = steps.then(store.setNotes(c.id(), sealNotes(change.notes())));
                    }
                    if (change.scheduledAt() != null && !change.scheduledAt().equals(c.scheduledAt())) {
                        steps = steps.then(doReschedule(caller, c, change.scheduledAt()));
                    }
                    if (change.status() != null && !change.status().equals(c.status().wire())) {
                        steps = steps.then(store.lock(id)).flatMap(fresh -> transition(caller, fresh, change));
                    }
                    return steps.then(store.audit(caller, c.patientId(), "consultation:" + id, "update"))
                            .then(queries.view(caller, id, false));
                });
        return store.auditDenials(tx.transactional(work).transform(Contention.retried())
                .onErrorMap(SlotConflicts::translate));
    }

    private String sealNotes(String notes) {
        return queries.sealNotes(notes);
    }

    private Mono<Void> transition(Caller caller, Consultation c, Change change) {
        ConsultationStatus target = ConsultationStatus.fromWire(change.status()).orElse(null);
        if (target == null) {
            return Mono.error(ApiException.badRequest("invalid-status", "Unknown status"));
        }
        if (target == ConsultationStatus.CONFIRMED && c.status().canBecome(target)) {
            return confirmPaidAtClinic(caller, c, change);
        }
        return transition(caller, c, target, change.reason());
    }

    /**
     * Only a payment confirms a consultation (see {@link #paymentConfirmed}); by hand, only an administrator who
     * records a payment made at the clinic, with the reason (audited; the event and the patient's email say so).
     */
    private Mono<Void> confirmPaidAtClinic(Caller caller, Consultation c, Change change) {
        if (!caller.canAdminWrite()) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "confirmation-requires-payment",
                    "A consultation is confirmed by its payment; only an administrator can record a payment made at"
                            + " the clinic"));
        }
        if (!ConsultationConfirmed.PAID_AT_CLINIC.equals(change.paymentMode()) || change.reason() == null
                || change.reason().isBlank() || change.reason().length() > 500) {
            return Mono.error(ApiException.unprocessable("payment-required",
                    "A consultation is confirmed by its payment: to record a payment made at the clinic, send"
                            + " payment_mode paid_at_clinic and a reason (at most 500 characters)"));
        }
        if (c.holdExpired(store.now())) {
            return Mono.error(ApiException.conflict("hold-expired", "The slot hold has expired"));
        }
        return store.confirm(c, ConsultationConfirmed.PAID_AT_CLINIC)
                .then(store.recordPaidAtClinic(c.id(), queries.sealPaymentNote(change.reason().trim())))
                .then(store.audit(caller, c.patientId(), "consultation:" + c.id(), "confirm-paid-at-clinic"));
    }

    private Mono<Void> transition(Caller caller, Consultation c, ConsultationStatus target, String reason) {
        if (!c.status().canBecome(target)) {
            return Mono.error(ApiException.conflict("invalid-transition",
                    "A " + c.status().wire() + " consultation cannot become " + target.wire()));
        }
        return switch (target) {
            case CANCELLED -> {
                if (reason != null && reason.length() > 500) {
                    yield Mono.error(ApiException.unprocessable("invalid-reason",
                            "reason is at most 500 characters"));
                }
                // The event and cancel_reason carry only who asked; the words given are kept encrypted.
                yield checkCutoff(caller, c).then(store.cancel(c, CancelledBy.of(caller) + "_request",
                        reason == null || reason.isBlank() ? null : queries.sealCancelNote(reason.trim()),
                        CancelledBy.of(caller)));
            }
            case CONFIRMED -> Mono.error(new IllegalStateException("confirmed only by payment or at the clinic"));
            case COMPLETED -> {
                Instant now = store.now();
                yield store.setStatus(c.id(), target)
                        .then(store.startedAt(c.id()).defaultIfEmpty(c.scheduledAt()))
                        .flatMap(started -> store.announceCompleted(c, started, now));
            }
            default -> store.setStatus(c.id(), target);
        };
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
                .flatMap(rules -> availability.checkSlot(rules, to, caller.isPatient())
                        .then(store.releaseExpiredHolds(c.doctorId(), to, to.plus(rules.occupied())))
                        .then(store.reschedule(c, to, to.plus(rules.occupied()))));
    }

    public Mono<ConsultationView> cancel(Caller caller, long id, String reason) {
        return store.auditDenials(tx.transactional(store.lockFor(caller, id).flatMap(c -> {
                    if (c.status() == ConsultationStatus.CANCELLED) {
                        return Mono.<Void>empty(); // already cancelled: the same answer again
                    }
                    return transition(caller, c, ConsultationStatus.CANCELLED, reason)
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
        return store.find(id)
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
                    if (c.status() == ConsultationStatus.PENDING_PAYMENT) {
                        return store.confirm(c, ConsultationConfirmed.ONLINE).then(store.setPaymentStatus(c.id(), "paid")).thenReturn("applied");
                    }
                    if (c.status() == ConsultationStatus.CANCELLED) {
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
                .flatMap(c -> c.status() == ConsultationStatus.PENDING_PAYMENT && !"paid".equals(c.paymentStatus())
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

    // ----- video facts -----

    /** The doctor opened the room: the consultation's {@code started_at} (its status stays confirmed). */
    public Mono<Void> videoStarted(VideoSessionStarted started) {
        return store.lock(started.consultationId())
                .flatMap(c -> store.videoTimes(c.id(), started.startedAt(), null));
    }

    /**
     * The doctor closed the session: its times are recorded and a confirmed consultation becomes completed
     * ({@code consultation.completed}). One already completed, cancelled or no-show keeps its state.
     */
    public Mono<Void> videoEnded(VideoSessionEnded ended) {
        return store.lock(ended.consultationId())
                .flatMap(c -> store.videoTimes(c.id(), ended.startedAt(), ended.endedAt())
                        .then(c.status().canBecome(ConsultationStatus.COMPLETED)
                                ? store.setStatus(c.id(), ConsultationStatus.COMPLETED)
                                        .then(store.startedAt(c.id()).defaultIfEmpty(ended.startedAt()))
                                        .flatMap(at -> store.announceCompleted(c, at, ended.endedAt()))
                                        .then(store.audit(Caller.SYSTEM, c.patientId(), "consultation:" + c.id(),
                                                "complete-after-video"))
                                : Mono.empty()));
    }

    /** Nobody (or only one side) came to the video room before the consultation's end: {@code no_show}. */
    public Mono<Void> videoNoShow(VideoNoShow noShow) {
        return store.lock(noShow.consultationId())
                .filter(c -> c.status().canBecome(ConsultationStatus.NO_SHOW))
                .flatMap(c -> store.setStatus(c.id(), ConsultationStatus.NO_SHOW)
                        .then(store.audit(Caller.SYSTEM, c.patientId(), "consultation:" + c.id(),
                                "no-show-" + noShow.absent())));
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
