package com.telemed.work;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work done in rounds (relaying the outbox, releasing expired holds, sending mail, chaining the audit
 * log, refreshing gauges): one round per tick, never two at once, ticks dropped while a round runs.
 * <p>
 * Every round has a deadline. A round that overruns it is cancelled — a transaction it holds is rolled back as
 * soon as its statement in flight returns ({@link CancelSafeTransactions}), and its row locks go with it — logged
 * as stalled and counted; a failed round is logged and counted; the next tick tries again. Rounds are measured as {@code telemed.background.round} (tags {@code worker}, {@code outcome} =
 * ok | failed | timeout), and {@code telemed.background.round.since.success} tells how long a worker has gone
 * without a successful round, which is what the alerts watch.
 * <p>
 * A round must never keep a transaction open while it waits for anything but its own statements (a broker, a
 * provider, another connection): claim work in one short transaction, do the slow part outside it, record the
 * outcome in another. Started and stopped with the application context.
 */
public abstract class BackgroundRounds implements SmartLifecycle {

    /** The deadline of a round unless the worker names another. */
    public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(BackgroundRounds.class);

    private MeterRegistry meters = Metrics.globalRegistry;
    private volatile Disposable running;

    /** Subscribes the loops of this component, usually with {@link #rounds} or {@link #batches}. */
    protected abstract Disposable startRounds();

    @Autowired(required = false)
    public void setMeterRegistry(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Where this component's meters go (the application's registry once injected). */
    protected MeterRegistry meters() {
        return meters;
    }

    /** One round per tick (dropping ticks while one runs), each within {@link #DEFAULT_ROUND_TIMEOUT}. */
    protected Disposable rounds(String what, Flux<?> ticks, Supplier<? extends Mono<?>> round) {
        return rounds(what, ticks, DEFAULT_ROUND_TIMEOUT, round);
    }

    /** One round per tick (dropping ticks while one runs), each within {@code timeout}. */
    protected Disposable rounds(String what, Flux<?> ticks, Duration timeout, Supplier<? extends Mono<?>> round) {
        Watch watch = new Watch(what, timeout);
        return ticks.onBackpressureDrop()
                .concatMap(tick -> watch.run(round.get()), 1)
                .subscribe();
    }

    /**
     * Per tick, batch after batch until one comes back short of {@code fullBatch}: a backlog is drained at once,
     * and each batch — not the whole drain — has the deadline, so a long backlog is never mistaken for a stall.
     */
    protected Disposable batches(String what, Flux<?> ticks, Duration timeout, int fullBatch,
            Supplier<? extends Mono<Integer>> batch) {
        return batches(what, ticks, timeout, fullBatch, 1, batch);
    }

    /**
     * As {@link #batches(String, Flux, Duration, int, Supplier)}, with {@code lanes} chains of batches side by side
     * (their claims skip each other's rows), so that one batch's slowest items do not leave the others idle; the
     * next tick waits until every lane has drained.
     */
    protected Disposable batches(String what, Flux<?> ticks, Duration timeout, int fullBatch, int lanes,
            Supplier<? extends Mono<Integer>> batch) {
        Watch watch = new Watch(what, timeout);
        return ticks.onBackpressureDrop()
                .concatMap(tick -> Flux.range(0, Math.max(1, lanes))
                        .flatMap(lane -> watch.run(batch.get().defaultIfEmpty(0))
                                .expand(n -> n instanceof Integer done && done >= fullBatch
                                        ? watch.run(batch.get().defaultIfEmpty(0))
                                        : Mono.empty()))
                        .then(), 1)
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

    /** Deadline, logging and metrics of one worker's rounds. */
    private final class Watch {
        private final String what;
        private final String worker;
        private final Duration timeout;
        private volatile long lastSuccessNanos = System.nanoTime();

        Watch(String what, Duration timeout) {
            this.what = what;
            this.worker = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            this.timeout = timeout;
            Gauge.builder("telemed.background.round.since.success", this,
                            w -> (System.nanoTime() - w.lastSuccessNanos) / 1e9)
                    .description("Seconds since this worker last finished a round successfully")
                    .baseUnit("seconds").tag("worker", worker).register(meters);
        }

        /** Runs one round; never fails, so the loop goes on. Emits what the round emitted, if anything. */
        Mono<Object> run(Mono<?> round) {
            return Mono.defer(() -> {
                long started = System.nanoTime();
                return round.<Object>map(value -> value)
                        .timeout(timeout)
                        .doOnSuccess(value -> {
                            lastSuccessNanos = System.nanoTime();
                            record(started, "ok");
                        })
                        .onErrorResume(e -> {
                            if (e instanceof TimeoutException) {
                                record(started, "timeout");
                                log.error("{} round stalled: no result within {}; cancelled (its transaction, if any,"
                                        + " rolls back) and the next round will try again", what, timeout);
                            } else {
                                record(started, "failed");
                                log.warn("{} round failed: {}", what, e.toString());
                            }
                            return Mono.empty();
                        });
            });
        }

        private void record(long started, String outcome) {
            Timer.builder("telemed.background.round")
                    .description("Rounds of background work, by worker and outcome")
                    .tag("worker", worker).tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
