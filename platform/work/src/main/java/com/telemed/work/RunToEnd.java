package com.telemed.work;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Runs database work to its end even when its subscriber goes away (a client disconnects, a round overruns its
 * deadline, a Kafka consumer gives its partitions up). Cutting an R2DBC statement off mid-flight leaves the
 * connection's conversation half-read: rows already received are never released and a rollback queued behind
 * the statement may never run. The work is told whether it was abandoned, so it can roll back at its next
 * statement boundary; whatever it ends with after that is dropped quietly.
 */
public final class RunToEnd {

    private static final Logger log = LoggerFactory.getLogger(RunToEnd.class);

    private RunToEnd() {
    }

    /** {@code work} receives a check telling whether its subscriber has left. */
    public static <T> Mono<T> of(Function<BooleanSupplier, Mono<T>> work) {
        return Mono.deferContextual(context -> {
            AtomicBoolean abandoned = new AtomicBoolean();
            CompletableFuture<T> outcome = work.apply(abandoned::get)
                    .contextWrite(context)
                    .onErrorResume(e -> {
                        if (abandoned.get()) {
                            log.debug("Work abandoned by its subscriber ended with {}", e.toString());
                            return Mono.empty();
                        }
                        return Mono.error(e);
                    })
                    .toFuture();
            return Mono.fromFuture(outcome, true).doOnCancel(() -> abandoned.set(true));
        });
    }

    /** {@code work} runs to its end; nobody needs to know whether its subscriber left. */
    public static <T> Mono<T> of(Mono<T> work) {
        return of(abandoned -> work);
    }
}
