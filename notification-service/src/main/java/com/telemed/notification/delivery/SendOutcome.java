package com.telemed.notification.delivery;

import java.time.Duration;

/** What the mail provider made of one message. */
public sealed interface SendOutcome {

    /** Accepted for delivery. */
    record Accepted(String providerId) implements SendOutcome {
    }

    /** Worth trying again later: rate limited, provider error, timeout. {@code retryAfter} may be null. */
    record Transient(String reason, Duration retryAfter) implements SendOutcome {
    }

    /** Refused for a reason that will not change by retrying (bad address, bad request, bad key). */
    record Permanent(String reason) implements SendOutcome {
    }
}
