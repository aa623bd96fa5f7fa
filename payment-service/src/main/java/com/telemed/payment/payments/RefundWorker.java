package com.telemed.payment.payments;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.payment.PaymentProperties;
import com.telemed.work.BackgroundRounds;
import com.telemed.payment.stripe.StripeGateway;
import com.telemed.payment.stripe.StripeRejected;
import com.telemed.payment.stripe.StripeUnavailable;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Works the refund queue: claims due refunds ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work), asks
 * Stripe to refund each with its idempotency key (a repeat after a crash refunds nothing twice), and completes it.
 * Stripe being down means a retry with backoff; Stripe refusing, after the attempts run out, a failed refund that
 * the admin listing shows.
 */
public class RefundWorker extends BackgroundRounds {

    private static final Logger log = LoggerFactory.getLogger(RefundWorker.class);
    private static final int BATCH = 20;

    private final Refunds refunds;
    private final PaymentStore payments;
    private final StripeGateway stripe;
    private final TransactionalOperator tx;
    private final PaymentProperties.Refund settings;

    public RefundWorker(Refunds refunds, PaymentStore payments, StripeGateway stripe, TransactionalOperator tx,
            PaymentProperties.Refund settings) {
        this.refunds = refunds;
        this.payments = payments;
        this.stripe = stripe;
        this.tx = tx;
        this.settings = settings;
    }

    /** One round; emits how many refunds were claimed. */
    public Mono<Integer> refundOnce() {
        return refunds.claimDue(BATCH, settings.lease())
                .flatMap(batch -> Flux.fromIterable(batch).concatMap(this::refund).then(Mono.just(batch.size())));
    }

    private Mono<Void> refund(Refunds.Due due) {
        return payments.byId(due.paymentId())
                .flatMap(p -> {
                    if (p.stripePaymentIntentId() == null) {
                        return refunds.fail(due.id(), "The payment has no Stripe payment intent");
                    }
                    return stripe.refund(new StripeGateway.NewRefund(due.id(), p.id(), p.consultationId(),
                                    p.stripePaymentIntentId(), due.amount(), due.idempotencyKey()))
                            .flatMap(stripeId -> tx.transactional(refunds.complete(due.id(), stripeId)).then())
                            .onErrorResume(StripeUnavailable.class, e -> retry(due, e))
                            .onErrorResume(StripeRejected.class, e -> due.attempts() >= 3
                                    ? refunds.fail(due.id(), e.getMessage())
                                    : retry(due, e));
                });
    }

    private Mono<Void> retry(Refunds.Due due, RuntimeException e) {
        if (due.attempts() >= settings.maxAttempts()) {
            return refunds.fail(due.id(), "Gave up after " + due.attempts() + " attempts: " + e.getMessage());
        }
        Duration delay = settings.backoff().after(due.attempts());
        log.info("Refund {} of payment {} will be retried in {}: {}", due.id(), due.paymentId(), delay, e.getMessage());
        return refunds.queue().retryLater(due.id(), delay, e.getMessage());
    }

    @Override
    protected Disposable startRounds() {
        if (!settings.workerEnabled()) {
            return null;
        }
        // Each batch, not the whole drain, has the round's deadline: a long backlog is not mistaken for a stall.
        return batches("Refunds", Flux.interval(Duration.ZERO, settings.pollInterval()),
                BackgroundRounds.DEFAULT_ROUND_TIMEOUT, BATCH, this::refundOnce);
    }
}
