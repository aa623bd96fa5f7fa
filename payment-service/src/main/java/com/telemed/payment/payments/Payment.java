package com.telemed.payment.payments;

import java.time.Instant;
import java.util.Set;

/** One checkout attempt of a consultation and what became of it. Money in minor units, lower-case currency. */
public record Payment(long id, long consultationId, int attempt, long amount, String currency, String status,
        String stripeSessionId, String stripePaymentIntentId, String checkoutUrl, String successUrl,
        String cancelUrl, Instant expiresAt, Instant paidAt, String failureReason, long refundAmount,
        String stripeRefundId, String refundReason, Instant createdAt) {

    public static final String CREATING = "creating";
    public static final String ABANDONED = "abandoned";
    public static final String PENDING = "pending";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    public static final String SUCCEEDED = "succeeded";
    public static final String PARTIALLY_REFUNDED = "partially_refunded";
    public static final String REFUNDED = "refunded";

    public static final Set<String> STATUSES = Set.of(CREATING, ABANDONED, PENDING, FAILED, EXPIRED, SUCCEEDED,
            PARTIALLY_REFUNDED, REFUNDED);

    /** Money was taken (whatever was given back since). */
    public boolean paid() {
        return SUCCEEDED.equals(status) || PARTIALLY_REFUNDED.equals(status) || REFUNDED.equals(status);
    }

    /** Its Stripe session may still be paid: answer it again rather than start another. */
    public boolean openAt(Instant now) {
        return (PENDING.equals(status) || FAILED.equals(status)) && stripeSessionId != null && now.isBefore(expiresAt);
    }
}
