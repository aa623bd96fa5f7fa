package com.telemed.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.telemed.gateway.routing.ServiceUris;

import reactor.core.publisher.Mono;

/** The aggregated health is probed once per TTL however many callers ask (the probes themselves are a stand-in). */
class PlatformHealthCacheTest {

    static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    /** Counts rounds instead of calling eight services: what is under test is how often a round starts. */
    static class CountingChecker extends PlatformHealthChecker {
        final AtomicInteger rounds = new AtomicInteger();

        CountingChecker() {
            super(new ServiceUris(NOWHERE, NOWHERE, NOWHERE, NOWHERE, NOWHERE, NOWHERE, NOWHERE, NOWHERE));
        }

        @Override
        public Mono<PlatformHealth> check() {
            int round = rounds.incrementAndGet();
            return Mono.just(new PlatformHealth(PlatformHealth.UP, Map.of("round", new PlatformHealth.ServiceHealth(
                    String.valueOf(round)))));
        }
    }

    @Test
    void callersWithinTheTtlShareOneRoundOfProbes() {
        CountingChecker checker = new CountingChecker();
        PlatformHealthController controller = new PlatformHealthController(checker, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            assertThat(controller.health().block().getStatusCode().value()).isEqualTo(200);
        }
        assertThat(checker.rounds).hasValue(1);
    }

    @Test
    void aZeroTtlProbesOnEveryCall() {
        CountingChecker checker = new CountingChecker();
        PlatformHealthController controller = new PlatformHealthController(checker, Duration.ZERO);
        controller.health().block();
        controller.health().block();
        assertThat(checker.rounds).hasValue(2);
    }

    @Test
    void anExpiredAnswerIsProbedAgain() throws InterruptedException {
        CountingChecker checker = new CountingChecker();
        PlatformHealthController controller = new PlatformHealthController(checker, Duration.ofMillis(50));
        controller.health().block();
        Thread.sleep(120);
        assertThat(controller.health().block().getBody().services().get("round").status()).isEqualTo("2");
    }
}
