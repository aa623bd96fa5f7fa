package com.telemed.outbox;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work done in rounds (relaying the outbox, chaining the audit log, refreshing gauges): one round per
 * tick, never two at once, ticks dropped while a round runs, a failed round logged and the next one tried.
 * Started and stopped with the application context.
 */
public abstract class BackgroundRounds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRounds.class);

    private volatile Disposable running;

    /** Subscribes the loops of this component, usually with {@link #rounds}. */
    protected abstract Disposable startRounds();

    protected static Disposable rounds(String what, Flux<?> ticks, Supplier<? extends Mono<?>> round) {
        return ticks.onBackpressureDrop()
                .concatMap(tick -> round.get().onErrorResume(e -> {
                    log.warn("{} round failed: {}", what, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void start() {
        running = startRounds();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
