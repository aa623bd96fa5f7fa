package com.telemed.events;

import java.time.Instant;

/** A payment attempt failed or its checkout session expired. Type {@code payment.failed}, published on {@link Topics#PAYMENTS}. */
public record PaymentFailed(
        long paymentId,
        long consultationId,
        String reason,
        Instant failedAt) implements EventData {
}
