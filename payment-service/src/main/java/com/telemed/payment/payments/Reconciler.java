package com.telemed.payment.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.payment.PaymentProperties;
import com.telemed.work.BackgroundRounds;
import com.telemed.payment.stripe.StripeGateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Repairs what a lost webhook left undone: every round, payments still pending (older than a minute, so their
 * webhook had its chance, and younger than two days) are compared with their Stripe session. A paid session goes
 * through the same code path as the webhook's event, recorded as the synthetic event {@code reconcile:<session>} (so
 * a repair happens once, and a late real event finds the payment already settled); an expired one, likewise.
 */
public class Reconciler extends BackgroundRounds {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 100;

    private final PaymentStore payments;
    private final PaymentOutcomes outcomes;
    private final StripeGateway stripe;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final PaymentProperties properties;
    private final Clock clock;
    private final Counter repairs;

    public Reconciler(PaymentStore payments, PaymentOutcomes outcomes, StripeGateway stripe, DatabaseClient db,
            TransactionalOperator tx, PaymentProperties properties, Clock clock, MeterRegistry meters) {
        this.payments = payments;
        this.outcomes = outcomes;
        this.stripe = stripe;
        this.db = db;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.repairs = Counter.builder("telemed.payment.reconciler.repairs")
                .description("Payments settled by the reconciler because their webhook never came").register(meters);
    }

    /** One round; emits how many payments it repaired. */
    public Mono<Integer> reconcileOnce() {
        Instant now = clock.instant();
        return stripe.housekeeping().onErrorResume(e -> {
            log.warn("Checkout housekeeping failed: {}", e.toString());
            return Mono.empty();
        }).thenMany(payments.toReconcile(now.minus(properties.reconcileMaxAge()), now.minus(properties.reconcileMinAge()),
                        BATCH).collectList())
                // The list is read to the end first: no connection stays busy with a cursor while Stripe answers.
                .flatMapIterable(list -> list)
                .concatMap(p -> stripe.retrieveSession(p.stripeSessionId())
                        .flatMap(session -> repair(p, session))
                        .onErrorResume(e -> {
                            log.warn("Could not reconcile payment {}: {}", p.id(), e.toString());
                            return Mono.just(false);
                        }))
                .filter(Boolean::booleanValue)
                .count()
                .map(Long::intValue);
    }

    private Mono<Boolean> repair(Payment p, StripeGateway.SessionState session) {
        if (session.paid()) {
            return once("reconcile:" + session.id(), "checkout.session.completed", p.id(),
                    outcomes.paid(p, session.amountTotal(), session.currency(), session.paymentIntentId(),
                            clock.instant()));
        }
        if (session.expired()) {
            return once("reconcile-expired:" + session.id(), "checkout.session.expired", p.id(),
                    outcomes.expired(p, clock.instant()));
        }
        return Mono.just(false);
    }

    private Mono<Boolean> once(String eventId, String type, long paymentId, Mono<String> effect) {
        Mono<Boolean> work = db.sql("""
                        insert into stripe_events (event_id, type, created, payment_id, outcome)
                        values (:id, :type, now(), :payment, 'reconciling')
                        on conflict (event_id) do nothing""")
                .bind("id", eventId).bind("type", type).bind("payment", paymentId)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false)
                        : effect.defaultIfEmpty("unknown_consultation")
                                .flatMap(outcome -> db.sql("update stripe_events set outcome = :o where event_id = :id")
                                        .bind("o", "reconciled_" + outcome).bind("id", eventId)
                                        .fetch().rowsUpdated().thenReturn(true)));
        return tx.transactional(work).doOnNext(repaired -> {
            if (repaired) {
                repairs.increment();
                log.info("Reconciler settled payment {} ({})", paymentId, type);
            }
        });
    }

    @Override
    protected Disposable startRounds() {
        if (!properties.refund().workerEnabled()) {
            return null;
        }
        Duration every = properties.reconcileInterval();
        return rounds("Reconciler", Flux.interval(every, every), this::reconcileOnce);
    }
}
