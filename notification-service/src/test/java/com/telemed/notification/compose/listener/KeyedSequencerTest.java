package com.telemed.notification.compose.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class KeyedSequencerTest {

    @Test
    void runsOneKeysWorkInOrderAndOtherKeysAlongside() {
        KeyedSequencer sequencer = new KeyedSequencer(4);
        List<String> log = new CopyOnWriteArrayList<>();
        // Submitted together, as a poll's records are; the first is the slowest.
        Mono<Void> a1 = sequencer.after("a", () -> step(log, "a1", 300));
        Mono<Void> a2 = sequencer.after("a", () -> step(log, "a2", 10));
        Mono<Void> b1 = sequencer.after("b", () -> step(log, "b1", 10));
        Mono<Void> a3 = sequencer.after("a", () -> Mono.<Void>error(new IllegalStateException("boom"))
                .doFirst(() -> log.add("a3")));
        Mono<Void> a4 = sequencer.after("a", () -> step(log, "a4", 10));

        Mono.when(a1, a2, b1, a3.onErrorResume(e -> Mono.empty()), a4).block(Duration.ofSeconds(5));

        assertThat(log).containsSubsequence("a1", "a2", "a3", "a4");
        assertThat(log.indexOf("b1")).as("another key does not wait").isLessThan(log.indexOf("a1"));
        assertThat(sequencer.pendingKeys()).isZero();
    }

    @Test
    void runsAtMostParallelismPiecesOfWorkAtOnce() {
        KeyedSequencer sequencer = new KeyedSequencer(2);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        List<Mono<Void>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(sequencer.after("k" + i, () -> Mono.delay(Duration.ofMillis(50))
                    .doFirst(() -> most.accumulateAndGet(running.incrementAndGet(), Math::max))
                    .then().doOnTerminate(running::decrementAndGet)));
        }
        Mono.when(all).block(Duration.ofSeconds(5));
        assertThat(most.get()).isEqualTo(2);
    }

    private static Mono<Void> step(List<String> log, String name, long millis) {
        return Mono.delay(Duration.ofMillis(millis)).doOnNext(t -> log.add(name)).then();
    }
}
