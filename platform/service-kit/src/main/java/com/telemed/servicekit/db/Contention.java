package com.telemed.servicekit.db;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs a short transaction again when PostgreSQL aborted it only because of another one: a deadlock (two inserts
 * that each wait on the other's row, as concurrent inserts under an exclusion constraint do) or a serialization
 * failure. The retried transaction sees the winner's committed row, so the caller gets the real answer (for a
 * booking, "slot taken") instead of a 503 it can do nothing about.
 */
public final class Contention {

    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);

    private Contention() {
    }

    /** {@code mono.transform(Contention.retried())}: the whole publisher is subscribed again on a deadlock. */
    public static <T> Function<Mono<T>, Mono<T>> retried() {
        return mono -> mono.retryWhen(Retry.backoff(ATTEMPTS, FIRST_BACKOFF).jitter(0.5)
                .filter(Contention::lostToAnotherTransaction)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** Whether PostgreSQL aborted the transaction in favour of a concurrent one (SQLSTATE 40P01 or 40001). */
    public static boolean lostToAnotherTransaction(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && RETRYABLE.contains(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
