package com.telemed.payment.stripe;

/** Stripe could not be reached or failed on its side (or the circuit breaker keeps calls away): worth retrying. */
public class StripeUnavailable extends RuntimeException {

    public StripeUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
