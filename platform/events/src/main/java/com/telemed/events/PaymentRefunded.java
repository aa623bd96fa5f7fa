package com.telemed.events;

import java.time.Instant;

/** Money was returned to the patient, in full or in part. Type {@code payment.refunded}, published on {@link Topics#PAYMENTS}. */
public record PaymentRefunded(
        long paymentId,
        long consultationId,
        long refundAmount,
        String currency,
        String stripeRefundId,
        String reason,
        Instant refundedAt) implements EventData {
}
