package com.telemed.booking.consultations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a booking answers: the consultation, its hold and what to do next (pay; null when it is already confirmed,
 * at the clinic or free).
 */
public record BookingAnswer(long consultationId, String status, long doctorId, String doctorName,
        @Nullable String specialty, Instant scheduledAt, int durationMinutes, long amount, String currency,
        @Nullable Instant holdExpiresAt, String paymentStatus, @Nullable NextStep nextStep) {

    /**
     * The checkout comes next: {@code POST /api/v1/payments/checkout-session {consultation_id, checkout_token, ...}}.
     * The checkout token proves to payment-service that whoever asks to pay holds this booking's answer, so
     * consultation ids cannot be walked to open someone else's checkout (see {@link CheckoutTokens}).
     */
    public record NextStep(String type, String method, String path, long consultationId, String checkoutToken,
            Instant expiresAt) {
        static NextStep checkout(long consultationId, String checkoutToken, Instant expiresAt) {
            return new NextStep("checkout", "POST", "/api/v1/payments/checkout-session", consultationId,
                    checkoutToken, expiresAt);
        }
    }
}
