package com.telemed.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The integration tests prove the event loop never blocks only if BlockHound is really watching. */
class BlockHoundInstalledTest {

    @Test
    void blockingOnANonBlockingThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1), Schedulers.parallel())
                .doOnNext(tick -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .block(Duration.ofSeconds(5)))
                .hasMessageContaining("Blocking call");
    }
}
