package com.telemed.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: {@code initial} after the first failure, doubled after each further one, never more than
 * {@code max}. With a {@code jitter} fraction (0 to 1) each delay is shortened by a random part of up to that
 * fraction, so that many items failing together do not all come back at the same instant.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public Backoff {
        if (initial == null || max == null || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 <= initial <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("Backoff jitter is a fraction between 0 and 1");
        }
    }

    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, 0);
    }

    public Backoff withJitter(double fraction) {
        return new Backoff(initial, max, fraction);
    }

    /** The delay after {@code attempts} failures (1 = the first). */
    public Duration after(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        Duration next = initial.multipliedBy(factor);
        if (next.compareTo(max) > 0 || next.isNegative()) {
            next = max;
        }
        if (jitter == 0 || next.isZero()) {
            return next;
        }
        long millis = next.toMillis();
        long cut = (long) (millis * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(millis - cut);
    }
}
