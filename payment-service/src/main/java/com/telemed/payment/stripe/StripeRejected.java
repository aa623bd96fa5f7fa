package com.telemed.payment.stripe;

/** Stripe refused the request itself (4xx other than rate limiting): repeating it will not help. */
public class StripeRejected extends RuntimeException {

    public StripeRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
