package com.telemed.work;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import reactor.core.publisher.Sinks;

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
 * outcome in another. Started and stopped with the application context: stopping ends the ticks and lets a round
 * in flight finish (up to {@link #STOP_GRACE}) rather than cancelling its statements midway, which would leave
 * the database driver's buffers and the work's leases behind.
 */
public abstract class BackgroundRounds implements SmartLifecycle {

    /** The deadline of a round unless the worker names another. */
    public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(BackgroundRounds.class);

    /** How long stopping waits for the rounds in flight before it cancels them. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private MeterRegistry meters = Metrics.globalRegistry;
    private volatile Disposable running;
    private volatile Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile List<Mono<Void>> loopsEnded = new CopyOnWriteArrayList<>();

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
        AtomicBoolean stopRequested = this.stopRequested;
        return loop(ticks).concatMap(tick -> stopRequested.get() ? Mono.empty() : watch.run(round.get()), 1)
                .doFinally(signal -> watch.ended())
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
        AtomicBoolean stopRequested = this.stopRequested;
        return loop(ticks)
                .concatMap(tick -> stopRequested.get() ? Mono.empty() : Flux.range(0, Math.max(1, lanes))
                        .flatMap(lane -> watch.run(batch.get().defaultIfEmpty(0))
                                .expand(n -> n instanceof Integer done && done >= fullBatch && !stopRequested.get()
                                        ? watch.run(batch.get().defaultIfEmpty(0))
                                        : Mono.empty()))
                        .then(), 1)
                .doFinally(signal -> watch.ended())
                .subscribe();
    }

    /** The ticks until stopped, dropped while a round runs (one may wait: the loop checks the stop again). */
    private Flux<?> loop(Flux<?> ticks) {
        return ticks.takeUntilOther(stopping.asMono()).onBackpressureDrop();
    }

    @Override
    public void start() {
        stopping = Sinks.empty();
        stopRequested = new AtomicBoolean();
        loopsEnded = new CopyOnWriteArrayList<>();
        running = startRounds();
    }

    /** Stops and returns once the rounds in flight have finished (or {@link #STOP_GRACE} has passed). */
    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            // Called by the context's shutdown or a test, never on an event loop.
            stopped.await(STOP_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(Runnable callback) {
        Disposable current = running;
        running = null;
        if (current == null) {
            callback.run();
            return;
        }
        stopRequested.set(true);
        stopping.tryEmitEmpty();
        Mono.when(loopsEnded)
                .timeout(STOP_GRACE, Mono.fromRunnable(() -> log.warn("Background rounds still running {} after"
                        + " the stop; cancelled", STOP_GRACE)))
                .doFinally(signal -> {
                    current.dispose();
                    callback.run();
                })
                .subscribe();
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
        private final Sinks.Empty<Void> ended = Sinks.empty();
        private volatile long lastSuccessNanos = System.nanoTime();

        Watch(String what, Duration timeout) {
            loopsEnded.add(ended.asMono());
            this.what = what;
            this.worker = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            this.timeout = timeout;
            Gauge.builder("telemed.background.round.since.success", this,
                            w -> (System.nanoTime() - w.lastSuccessNanos) / 1e9)
                    .description("Seconds since this worker last finished a round successfully")
                    .baseUnit("seconds").tag("worker", worker).register(meters);
        }

        /** The loop this watch keeps has ended (stopped, or cancelled). */
        void ended() {
            ended.tryEmitEmpty();
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
