package com.telemed.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RunToEndTest {

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void resultsAndErrorsReachASubscriberThatStays() {
        StepVerifier.create(RunToEnd.of(Mono.just("done"))).expectNext("done").verifyComplete();
        StepVerifier.create(RunToEnd.of(Mono.error(new IllegalStateException("refused"))))
                .verifyErrorMessage("refused");
    }

    @Test
    void workRunsToItsEndAfterItsSubscriberLeftAndItsFailureIsDroppedQuietly() {
        Hooks.onErrorDropped(dropped::add);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean sawAbandoned = new AtomicBoolean();
        Disposable subscription = RunToEnd.<String>of(abandoned -> Mono.delay(Duration.ofMillis(200))
                        .doOnNext(t -> finished.set(true))
                        .then(Mono.defer(() -> {
                            sawAbandoned.set(abandoned.getAsBoolean());
                            return Mono.<String>error(new IllegalStateException("rolled back"));
                        })))
                .subscribe();
        subscription.dispose();

        await().atMost(Duration.ofSeconds(2)).untilTrue(finished);
        await().atMost(Duration.ofSeconds(1)).untilTrue(sawAbandoned);
        assertThat(dropped).isEmpty();
    }

    @Test
    void theCallersContextReachesTheWork() {
        StepVerifier.create(RunToEnd.of(Mono.deferContextual(ctx -> Mono.just(ctx.<String>get("k"))))
                        .contextWrite(ctx -> ctx.put("k", "v")))
                .expectNext("v").verifyComplete();
    }
}
