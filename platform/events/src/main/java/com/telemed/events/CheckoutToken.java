package com.telemed.events;

/**
 * The contract of booking's checkout token: the consultation id sealed with the shared event-seal keys under this
 * purpose and field, so payment-service can open what booking-service sealed (ADR 7).
 */
public final class CheckoutToken {

    public static final String PURPOSE = "consultation.checkout";
    public static final String FIELD = "checkout_token";

    private CheckoutToken() {
    }
}
