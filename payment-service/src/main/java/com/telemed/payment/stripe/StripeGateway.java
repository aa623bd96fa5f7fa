package com.telemed.payment.stripe;

import java.time.Instant;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * What payment-service needs of Stripe. Two implementations: stripe-java against Stripe's API (with a secret key),
 * and the embedded sandbox (without one), which answers like Stripe and sends Stripe-format signed events to the
 * webhook. Failures that are Stripe's (network, 5xx, open circuit breaker) surface as {@link StripeUnavailable}.
 */
public interface StripeGateway {

    Mono<CreatedSession> createSession(NewSession session);

    Mono<SessionState> retrieveSession(String sessionId);

    Mono<String> refund(NewRefund refund);

    /** Periodic upkeep (the sandbox expires its sessions here); nothing for Stripe itself. */
    default Mono<Void> housekeeping() {
        return Mono.empty();
    }

    String name();

    /**
     * @param idempotencyKey {@code checkout-<consultation>-<attempt>}: a repeated call returns the same session
     */
    record NewSession(long paymentId, long consultationId, long amount, String currency, String productName,
            String customerEmail, String successUrl, String cancelUrl, Instant expiresAt, String idempotencyKey) {
    }

    record CreatedSession(String id, String url, String paymentIntentId, String customerId) {
    }

    /** @param status open, complete or expired; @param paymentStatus paid, unpaid or no_payment_required */
    record SessionState(String id, String status, String paymentStatus, String paymentIntentId, long amountTotal,
            String currency, Map<String, String> metadata) {
        public boolean paid() {
            return "paid".equals(paymentStatus);
        }

        public boolean expired() {
            return "expired".equals(status);
        }
    }

    /** @param idempotencyKey {@code refund-<payment>-<refund>}: a repeated call does not refund twice */
    record NewRefund(long refundId, long paymentId, long consultationId, String paymentIntentId, long amount,
            String idempotencyKey) {
    }
}
