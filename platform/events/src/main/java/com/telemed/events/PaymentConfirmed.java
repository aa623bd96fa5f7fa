package com.telemed.events;

import java.time.Instant;

/** Stripe confirmed the payment of a consultation. Type {@code payment.confirmed}, published on {@link Topics#PAYMENTS}. */
public record PaymentConfirmed(
        long paymentId,
        long consultationId,
        long amount,
        String currency,
        String stripeSessionId,
        String stripePaymentIntentId,
        Instant paidAt) implements EventData {
}
