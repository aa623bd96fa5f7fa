package com.telemed.booking.consultations;

import org.springframework.stereotype.Component;

import com.telemed.events.CheckoutToken;
import com.telemed.servicekit.crypto.EventSeal;

/**
 * The capability to start paying for one consultation, handed to whoever booked it. It is the consultation id sealed
 * with the event-seal keys that booking and payment share (the {@link CheckoutToken} contract), so
 * payment-service can check it without asking booking and nobody can forge one for an id they merely guessed.
 */
@Component
public class CheckoutTokens {

    private final EventSeal seal;

    CheckoutTokens(EventSeal seal) {
        this.seal = seal;
    }

    public String issue(long consultationId) {
        return seal.seal(CheckoutToken.PURPOSE, CheckoutToken.FIELD, Long.toString(consultationId));
    }
}
