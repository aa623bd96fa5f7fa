package com.telemed.events;

import java.time.Instant;

/**
 * A staff account began to be slowed down after repeated failed sign-ins (someone may be guessing its password):
 * its owner is told. At most once per account per counting window (a day). The address travels sealed
 * ({@link #SEALED_EMAIL}). Type {@code sign-in.throttled}, published on {@link Topics#USERS}.
 */
public record SignInThrottled(
        long userId,
        String sealedEmail,
        String locale,
        int failures,
        Instant throttledAt) implements EventData {

    public static final String SEALED_EMAIL = "sealed_email";
}
