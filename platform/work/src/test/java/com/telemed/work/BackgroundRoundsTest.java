package com.telemed.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rounds with a deadline: a stalled round is cancelled and counted, a failed one counted, and the loop goes on. */
class BackgroundRoundsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aStalledRoundIsCancelledAtItsDeadlineCountedAndTheNextRoundRuns() {
        AtomicInteger started = new AtomicInteger();
        List<String> cancelled = new CopyOnWriteArrayList<>();
        Worker worker = new Worker(w -> w.rounds("Stuck worker", Flux.interval(Duration.ofMillis(50)),
                Duration.ofMillis(200), () -> started.incrementAndGet() == 1
                        ? Mono.never().doOnCancel(() -> cancelled.add("first"))
                        : Mono.just("done")));
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(3)).until(() -> count("stuck-worker", "ok") >= 2);
            assertThat(cancelled).containsExactly("first");
            assertThat(count("stuck-worker", "timeout")).isEqualTo(1);
            assertThat(meters.get("telemed.background.round.since.success").tag("worker", "stuck-worker").gauge()
                    .value()).isLessThan(1.0);
        } finally {
            worker.stop();
        }
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void batchesDrainABacklogUntilAShortBatchEachWithItsOwnDeadline() {
        AtomicInteger left = new AtomicInteger(1050);
        Worker worker = new Worker(w -> w.batches("Drainer", Flux.just(0L), Duration.ofMillis(150), 100,
                () -> Mono.delay(Duration.ofMillis(40)).map(t -> {
                    int taken = Math.min(100, left.get());
                    left.addAndGet(-taken);
                    return taken;
                })));
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> left.get() == 0);
            // 11 batches (10 full, one short) took about three times one deadline, and none timed out.
            await().atMost(Duration.ofSeconds(2)).until(() -> count("drainer", "ok") == 11);
            assertThat(count("drainer", "timeout")).isZero();
        } finally {
            worker.stop();
        }
    }

    @Test
    void aFailedRoundIsCountedAndTheLoopGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        Worker worker = new Worker(w -> w.rounds("Flaky", Flux.interval(Duration.ofMillis(20)),
                () -> calls.incrementAndGet() % 2 == 1 ? Mono.error(new IllegalStateException("boom")) : Mono.just(1)));
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(3)).until(() -> count("flaky", "ok") >= 3);
            assertThat(count("flaky", "failed")).isGreaterThanOrEqualTo(3);
        } finally {
            worker.stop();
        }
    }

    @Test
    void stoppingLetsTheRoundInFlightFinishAndStartsNoOther() {
        AtomicInteger started = new AtomicInteger();
        List<String> ends = new CopyOnWriteArrayList<>();
        Worker worker = new Worker(w -> w.rounds("Slow", Flux.interval(Duration.ZERO, Duration.ofMillis(20)),
                () -> Mono.delay(Duration.ofMillis(300))
                        .doOnSubscribe(s -> started.incrementAndGet())
                        .doOnNext(t -> ends.add("finished"))
                        .doOnCancel(() -> ends.add("cancelled"))));
        worker.start();
        await().atMost(Duration.ofSeconds(3)).until(() -> started.get() == 1);
        worker.stop();
        assertThat(worker.isRunning()).isFalse();
        assertThat(ends).as("the round in flight finished before stop returned").containsExactly("finished");
        int after = started.get();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> started.get() == after);
    }

    @Test
    void stoppingDuringABacklogClaimsNoFurtherBatch() {
        AtomicInteger batches = new AtomicInteger();
        Worker worker = new Worker(w -> w.batches("Backlog", Flux.just(0L), Duration.ofSeconds(5), 10,
                () -> Mono.delay(Duration.ofMillis(100)).doOnSubscribe(s -> batches.incrementAndGet()).thenReturn(10)));
        worker.start();
        await().atMost(Duration.ofSeconds(3)).until(() -> batches.get() >= 2);
        worker.stop();
        int after = batches.get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> batches.get() == after);
    }

    private long count(String worker, String outcome) {
        var timer = meters.find("telemed.background.round").tag("worker", worker).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private final class Worker extends BackgroundRounds {
        private final java.util.function.Function<Worker, Disposable> loops;

        Worker(java.util.function.Function<Worker, Disposable> loops) {
            this.loops = loops;
            setMeterRegistry(meters);
        }

        @Override
        protected Disposable startRounds() {
            return loops.apply(this);
        }
    }
}
