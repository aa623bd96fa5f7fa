package com.telemed.payment.payments;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.telemed.events.PaymentConfirmed;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.outbox.OutboxWriter;

import reactor.core.publisher.Mono;

/** The facts payment-service publishes, written to the outbox in the caller's transaction (key: consultation id). */
@Component
public class PaymentEvents {

    private final OutboxWriter outbox;

    public PaymentEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    Mono<Void> confirmed(Payment p, String intentId, Instant paidAt) {
        return outbox.write(new PaymentConfirmed(p.id(), p.consultationId(), p.amount(), p.currency(),
                p.stripeSessionId(), intentId == null ? p.stripePaymentIntentId() : intentId, paidAt),
                p.consultationId()).then();
    }

    Mono<Void> failed(Payment p, String reason, Instant at) {
        return outbox.write(new PaymentFailed(p.id(), p.consultationId(), reason, at), p.consultationId()).then();
    }

    Mono<Void> refunded(Payment p, long amount, String stripeRefundId, String reason, Instant at) {
        return outbox.write(new PaymentRefunded(p.id(), p.consultationId(), amount, p.currency(), stripeRefundId,
                reason, at), p.consultationId()).then();
    }
}
