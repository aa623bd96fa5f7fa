package com.telemed.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private TokenBuckets buckets(int capacity, int perMinute, int maxClients) {
        return new TokenBuckets(Map.of("login", new TokenBuckets.Limit(capacity, perMinute)), maxClients, clock::get);
    }

    private void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aBurstUpToCapacityThenRefusalWithTheWaitForTheNextToken() {
        TokenBuckets buckets = buckets(3, 6, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryAcquire("login", "a").allowed()).isTrue();
        }
        TokenBuckets.Decision refused = buckets.tryAcquire("login", "a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);

        advanceSeconds(4);
        assertThat(buckets.tryAcquire("login", "a").retryAfterSeconds()).isEqualTo(6);
        advanceSeconds(6);
        assertThat(buckets.tryAcquire("login", "a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "a").allowed()).isFalse();
    }

    @Test
    void clientsHaveSeparateBuckets() {
        TokenBuckets buckets = buckets(1, 1, 100);
        assertThat(buckets.tryAcquire("login", "a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "a").allowed()).isFalse();
        assertThat(buckets.tryAcquire("login", "b").allowed()).isTrue();
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBuckets buckets = buckets(2, 60, 100);
        buckets.tryAcquire("login", "a");
        advanceSeconds(3600);
        assertThat(buckets.tryAcquire("login", "a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "a").allowed()).isFalse();
    }

    @Test
    void idleBucketsAreEvicted() {
        TokenBuckets buckets = buckets(5, 60, 1000);
        for (int i = 0; i < 100; i++) {
            buckets.tryAcquire("login", "client-" + i);
        }
        assertThat(buckets.size()).isEqualTo(100);
        advanceSeconds(31);
        buckets.tryAcquire("login", "fresh");
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void beyondTheBoundNewClientsShareOneOverflowBucket() {
        TokenBuckets buckets = buckets(2, 1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryAcquire("login", "client-" + i).allowed()).isTrue();
        }
        assertThat(buckets.tryAcquire("login", "newcomer-1").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "newcomer-2").allowed()).isTrue();
        assertThat(buckets.tryAcquire("login", "newcomer-3").allowed()).isFalse();
        assertThat(buckets.size()).isEqualTo(4);
        // Known clients keep their own buckets.
        assertThat(buckets.tryAcquire("login", "client-0").allowed()).isTrue();
    }
}
