package com.telemed.booking.consultations;

import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.EventSeal;

/**
 * The capability to start paying for one consultation, handed to whoever booked it. It is the consultation id sealed
 * with the event-seal keys that booking and payment share (type {@value #PURPOSE}, field {@value #FIELD}), so
 * payment-service can check it without asking booking and nobody can forge one for an id they merely guessed.
 */
@Component
public class CheckoutTokens {

    public static final String PURPOSE = "consultation.checkout";
    public static final String FIELD = "checkout_token";

    private final EventSeal seal;

    CheckoutTokens(EventSeal seal) {
        this.seal = seal;
    }

    public String issue(long consultationId) {
        return seal.seal(PURPOSE, FIELD, Long.toString(consultationId));
    }
}
