package com.telemed.payment.consultations;

import java.time.Instant;

/** What payment-service knows of one consultation, from booking's events. */
public record Consultation(long id, long patientId, long doctorId, long amount, String currency, Instant scheduledAt,
        Instant holdExpiresAt, String status, String doctorName, String cancelledBy, Instant cancelledAt) {

    public static final String PENDING_PAYMENT = "pending_payment";
    public static final String CANCELLED = "cancelled";

    public boolean pendingPayment() {
        return PENDING_PAYMENT.equals(status);
    }

    public boolean cancelled() {
        return CANCELLED.equals(status);
    }

    /** Whether the slot hold was still alive at {@code at}. */
    public boolean holdAliveAt(Instant at) {
        return holdExpiresAt == null || at.isBefore(holdExpiresAt);
    }
}
