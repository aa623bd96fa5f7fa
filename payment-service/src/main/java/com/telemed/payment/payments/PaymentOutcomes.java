package com.telemed.payment.payments;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.telemed.payment.consultations.Consultation;
import com.telemed.payment.consultations.ConsultationProjection;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * What a payment's news from Stripe does to it, whoever brings it (the webhook or the reconciler). Runs inside the
 * caller's transaction and locks the consultation first, so that a payment and a cancellation never miss each other.
 */
@Component
public class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final PaymentStore payments;
    private final ConsultationProjection consultations;
    private final PaymentEvents events;
    private final Refunds refunds;
    private final MeterRegistry meters;

    public PaymentOutcomes(PaymentStore payments, ConsultationProjection consultations, PaymentEvents events,
            Refunds refunds, MeterRegistry meters) {
        this.payments = payments;
        this.consultations = consultations;
        this.events = events;
        this.refunds = refunds;
        this.meters = meters;
    }

    /**
     * Stripe took the money. Confirms the consultation, unless it can no longer be had (cancelled, or paid after its
     * hold expired, so the slot may be someone else's) or it was paid already: then the money goes back in full,
     * and the patient is told through {@code payment.refunded}. Emits the outcome.
     */
    public Mono<String> paid(Payment found, long amount, String currency, String intentId, Instant paidAt) {
        return consultations.lock(found.consultationId())
                .zipWith(payments.lockById(found.id()))
                .flatMap(both -> {
                    Consultation c = both.getT1();
                    Payment p = both.getT2();
                    if (p.paid()) {
                        return payments.linkIntent(p.id(), intentId).thenReturn("already_paid");
                    }
                    if (amount != p.amount() || currency == null || !currency.equalsIgnoreCase(p.currency())) {
                        log.warn("Payment {} was paid with another amount or currency than its checkout: not confirmed",
                                p.id());
                        meters.counter("telemed.payment.amount.mismatch").increment();
                        return payments.flag(p.id(), "amount_mismatch").thenReturn("amount_mismatch");
                    }
                    return payments.succeeded(p.id(), paidAt, intentId)
                            .then(otherPaid(p))
                            .flatMap(duplicate -> {
                                if (duplicate) {
                                    return refundInFull(p, "duplicate_payment");
                                }
                                if (c.cancelled() || !c.holdAliveAt(paidAt)) {
                                    return refundInFull(p, "late_payment");
                                }
                                return payments.byId(p.id())
                                        .flatMap(now -> events.confirmed(now, intentId, paidAt))
                                        .thenReturn("confirmed");
                            });
                });
    }

    private Mono<Boolean> otherPaid(Payment p) {
        return payments.ofConsultation(p.consultationId())
                .any(other -> other.id() != p.id() && other.paid());
    }

    private Mono<String> refundInFull(Payment p, String reason) {
        log.info("Payment {} of consultation {} is refunded in full: {}", p.id(), p.consultationId(), reason);
        return refunds.request(p.id(), p.amount(), reason, reason).thenReturn(reason + "_refund_due");
    }

    /** A payment attempt failed; the session stays open and a later success still confirms. */
    public Mono<String> failed(Payment p, String reason, Instant at) {
        if (p.paid()) {
            return Mono.just("ignored_already_paid");
        }
        return payments.setStatus(p.id(), Payment.FAILED, reason)
                .then(events.failed(p, reason, at))
                .thenReturn("failed");
    }

    /** The session expired unpaid. */
    public Mono<String> expired(Payment p, Instant at) {
        if (p.paid()) {
            return Mono.just("ignored_already_paid");
        }
        if (Payment.EXPIRED.equals(p.status())) {
            return Mono.just("already_expired");
        }
        return payments.setStatus(p.id(), Payment.EXPIRED, "expired")
                .then(events.failed(p, "expired", at))
                .thenReturn("expired");
    }
}
