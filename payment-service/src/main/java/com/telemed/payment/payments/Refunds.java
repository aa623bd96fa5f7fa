package com.telemed.payment.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.payment.consultations.Consultation;
import com.telemed.work.LeasedQueue;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refunds: the {@code refunds} table is both the record of every refund and the durable queue of those still due.
 * A refund is decided in the transaction of its cause (cancellation, late payment, an admin's request) as a due row;
 * the {@link RefundWorker} calls Stripe; whoever learns first that Stripe refunded it (the worker, or
 * {@code charge.refunded} on the webhook) completes the row and writes {@code payment.refunded}: once, whichever wins.
 * The queue mechanics (claim with a lease, retry later, fail) are {@link LeasedQueue}'s.
 */
@Component
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final DatabaseClient db;
    private final PaymentStore payments;
    private final PaymentEvents events;
    private final RefundPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final LeasedQueue queue;

    public Refunds(DatabaseClient db, PaymentStore payments, PaymentEvents events, RefundPolicy policy, Clock clock,
            MeterRegistry meters) {
        this.db = db;
        this.payments = payments;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
        this.queue = new LeasedQueue(db, "refunds", List.of("due"), "due", "failed");
    }

    /** A refund that is due or done. */
    public record Refund(long id, long paymentId, long amount, String reason, String status, String stripeRefundId,
            int attempts, Instant createdAt) {
    }

    /** What is still refundable on a payment: paid, minus refunded, minus refunds already on their way. */
    public Mono<Long> refundable(Payment p) {
        if (!p.paid()) {
            return Mono.just(0L);
        }
        return db.sql("select coalesce(sum(amount), 0) as due from refunds where payment_id = :id and status = 'due'")
                .bind("id", p.id()).map(row -> ((Number) row.get("due")).longValue()).one()
                .map(due -> Math.max(0, p.amount() - p.refundAmount() - due));
    }

    /**
     * Queues a refund (in the caller's transaction). With a {@code requestKey} a repeated request finds the first
     * one instead. Emits the refund.
     */
    public Mono<Refund> request(long paymentId, long amount, String reason, String requestKey) {
        return request(paymentId, amount, reason, requestKey, null);
    }

    /** @param note free text kept with the refund (an admin's words); never put in events */
    public Mono<Refund> request(long paymentId, long amount, String reason, String requestKey, String note) {
        meters.counter("telemed.payment.refunds.requested", "reason", reason).increment();
        return db.sql("""
                        insert into refunds (payment_id, amount, reason, request_key, note)
                        values (:payment, :amount, :reason, :key, :note)
                        on conflict on constraint refunds_request_once do nothing
                        returning *""")
                .bind("payment", paymentId).bind("amount", amount).bind("reason", reason)
                .bind("key", Sql.text(requestKey))
                .bind("note", Sql.text(note))
                .map(Refunds::read).one()
                .switchIfEmpty(Mono.defer(() -> byRequestKey(paymentId, requestKey)));
    }

    public Mono<Refund> byRequestKey(long paymentId, String requestKey) {
        return db.sql("select * from refunds where payment_id = :payment and request_key = :key")
                .bind("payment", paymentId).bind("key", requestKey).map(Refunds::read).one();
    }

    /**
     * {@code consultation.cancelled}: every paid payment of the consultation with something left gets the policy's
     * refund (none when the policy says 0, recorded as such). Also covers a confirmation booking could not apply
     * because the hold had expired: booking then cancels with {@code cancelled_by = system}, a full refund.
     */
    public Mono<Void> onCancelled(Consultation cancelled) {
        return applyPolicy(cancelled.id(), left -> policy.onCancellation(cancelled, left), "cancellation");
    }

    /**
     * {@code video.no-show}: every paid payment of the consultation with something left gets the no-show rule (ADR
     * 11): everything back when the doctor was absent, nothing (recorded as such) when the patient was.
     */
    public Mono<Void> onNoShow(long consultationId, String absent) {
        return applyPolicy(consultationId, left -> policy.onNoShow(absent, left), "no-show");
    }

    private Mono<Void> applyPolicy(long consultationId,
            java.util.function.LongFunction<RefundPolicy.Decision> decide, String requestKey) {
        return payments.ofConsultation(consultationId)
                .filter(Payment::paid)
                .concatMap(p -> refundable(p).flatMap(left -> {
                    if (left <= 0) {
                        return Mono.empty();
                    }
                    RefundPolicy.Decision decision = decide.apply(left);
                    if (decision.amount() <= 0) {
                        log.info("Payment {} of consultation {}: no refund by policy ({})", p.id(), p.consultationId(),
                                decision.reason());
                        return payments.noRefund(p.id(), "no_refund_" + decision.reason());
                    }
                    return request(p.id(), decision.amount(), decision.reason(), requestKey).then();
                }))
                .then();
    }

    /** The queue of due refunds ({@code status = 'due'} until completed or failed). */
    LeasedQueue queue() {
        return queue;
    }

    /** Due refunds for one worker, each reserved for {@code lease} and counted as an attempt. */
    Mono<List<Due>> claimDue(int limit, Duration lease) {
        return queue.claimDue(limit, lease, "q.id, q.payment_id, q.amount, q.reason, q.attempts",
                row -> new Due(row.get("id", Long.class), row.get("payment_id", Long.class),
                        row.get("amount", Long.class), row.get("reason", String.class),
                        row.get("attempts", Integer.class)));
    }

    record Due(long id, long paymentId, long amount, String reason, int attempts) {
        String idempotencyKey() {
            return "refund-" + paymentId + "-" + id;
        }
    }

    /**
     * Stripe refunded a due refund: completes it and writes {@code payment.refunded}, unless it was completed
     * already (the other path won). Call inside a transaction.
     */
    public Mono<Boolean> complete(long refundId, String stripeRefundId) {
        return db.sql("""
                        update refunds set status = 'succeeded', stripe_refund_id = :stripeId, refunded_at = now(),
                               last_error = null
                         where id = :id and status = 'due'
                        returning payment_id, amount, reason""")
                .bind("id", refundId).bind("stripeId", stripeRefundId)
                .map(row -> new Due(refundId, row.get("payment_id", Long.class), row.get("amount", Long.class),
                        row.get("reason", String.class), 0))
                .one()
                .flatMap(done -> applyToPayment(done.paymentId(), done.amount(), stripeRefundId, done.reason()))
                .defaultIfEmpty(false);
    }

    /** A refund made outside payment-service (Stripe's dashboard), seen on {@code charge.refunded}. */
    public Mono<Boolean> external(long paymentId, long amount, String stripeRefundId) {
        return db.sql("""
                        insert into refunds (payment_id, amount, reason, status, stripe_refund_id, refunded_at)
                        values (:payment, :amount, 'stripe_dashboard', 'succeeded', :stripeId, now())
                        on conflict (stripe_refund_id) do nothing
                        returning id""")
                .bind("payment", paymentId).bind("amount", amount).bind("stripeId", stripeRefundId)
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> applyToPayment(paymentId, amount, stripeRefundId, "stripe_dashboard"))
                .defaultIfEmpty(false);
    }

    public Mono<Boolean> knows(String stripeRefundId) {
        return db.sql("select 1 from refunds where stripe_refund_id = :id").bind("id", stripeRefundId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    private Mono<Boolean> applyToPayment(long paymentId, long amount, String stripeRefundId, String reason) {
        meters.counter("telemed.payment.refunds", "reason", reason).increment();
        return payments.lockById(paymentId)
                .then(payments.refunded(paymentId, amount, stripeRefundId, reason))
                .flatMap(p -> events.refunded(p, amount, stripeRefundId, reason, clock.instant()))
                .thenReturn(true);
    }

    /** Gives up on a refund for good (the admin listing shows it). */
    Mono<Void> fail(long refundId, String error) {
        meters.counter("telemed.payment.refunds.failed").increment();
        return queue.fail(refundId, error);
    }

    public Flux<Refund> ofPayment(long paymentId) {
        return db.sql("select * from refunds where payment_id = :id order by id").bind("id", paymentId)
                .map(Refunds::read).all();
    }

    private static Refund read(Readable row) {
        return new Refund(row.get("id", Long.class), row.get("payment_id", Long.class), row.get("amount", Long.class),
                row.get("reason", String.class), row.get("status", String.class),
                row.get("stripe_refund_id", String.class), row.get("attempts", Integer.class),
                row.get("created_at", Instant.class));
    }
}
