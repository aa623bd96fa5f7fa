package com.telemed.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per (group, client). Good for one gateway instance; several replicas each keep
 * their own buckets, so the effective limit is multiplied by the replica count.
 * <p>
 * Memory stays bounded: a bucket idle long enough to have refilled completely is indistinguishable from a new one
 * and is dropped by a sweep that piggybacks on traffic (no thread of its own); and once {@code maxClients} buckets
 * exist, further clients share one overflow bucket per group, so a flood of distinct addresses is throttled as a
 * whole instead of growing the map or evicting well-behaved clients.
 */
public class TokenBuckets {

    static final String OVERFLOW = "*overflow*";
    private static final long SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(30);

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Limit> limits;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final AtomicLong nextSweep;

    public TokenBuckets(Map<String, Limit> limits, int maxClients, LongSupplier nanoClock) {
        this.limits = Map.copyOf(limits);
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_INTERVAL);
    }

    /** Takes one token from the client's bucket of {@code group}. */
    public Decision tryAcquire(String group, String client) {
        Limit limit = limits.get(group);
        if (limit == null) {
            throw new IllegalArgumentException("Unknown rate limit group " + group);
        }
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        String key = group + '|' + client;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                key = group + '|' + OVERFLOW;
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        }
        return bucket.tryConsume(now);
    }

    int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL)) {
            buckets.values().removeIf(bucket -> bucket.isIdleAndFull(now));
        }
    }

    /** A group's limit: {@code capacity} tokens, refilled continuously at {@code refillPerMinute}. */
    public record Limit(int capacity, int refillPerMinute) {

        long nanosPerToken() {
            return TimeUnit.MINUTES.toNanos(1) / refillPerMinute;
        }
    }

    /** The outcome; when refused, how long until the next token. */
    public record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, 0);
    }

    private static final class Bucket {

        private final int capacity;
        private final long nanosPerToken;
        private final long nanosToFull;
        // Guarded by this. Fractions of a token are kept as elapsed nanoseconds, so no rounding drift.
        private long tokens;
        private long lastRefill;

        Bucket(Limit limit, long now) {
            this.capacity = limit.capacity();
            this.nanosPerToken = limit.nanosPerToken();
            this.nanosToFull = nanosPerToken * capacity;
            this.tokens = capacity;
            this.lastRefill = now;
        }

        synchronized Decision tryConsume(long now) {
            refill(now);
            if (tokens > 0) {
                tokens--;
                return Decision.ALLOWED;
            }
            long wait = nanosPerToken - (now - lastRefill);
            return new Decision(false, Math.max(1, (wait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1)));
        }

        synchronized boolean isIdleAndFull(long now) {
            return tokens >= capacity || now - lastRefill >= nanosToFull;
        }

        private void refill(long now) {
            long elapsed = now - lastRefill;
            if (elapsed < nanosPerToken) {
                return;
            }
            long earned = elapsed / nanosPerToken;
            if (tokens + earned >= capacity) {
                tokens = capacity;
                lastRefill = now;
            } else {
                tokens += earned;
                lastRefill += earned * nanosPerToken;
            }
        }
    }
}
