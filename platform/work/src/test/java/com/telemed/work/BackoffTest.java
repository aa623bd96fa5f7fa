package com.telemed.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCeiling() {
        Backoff backoff = Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(2));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(500)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(0)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void jitterShortensEachDelayByAtMostItsFraction() {
        Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(8)).withJitter(0.5);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2)).withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
