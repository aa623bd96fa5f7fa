package com.telemed.gateway.ratelimit;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client throttling of the endpoints that invite guessing or flooding ({@code telemed.gateway.*}).
 *
 * @param trustForwardedFor use the address the nearest proxy appended to {@code X-Forwarded-For}; only behind a
 *        proxy that always sets it, or any client could pick its own bucket
 * @param maxTrackedClients upper bound on buckets kept in memory; beyond it, new clients share one bucket per group
 * @param rateLimits groups by name
 */
@ConfigurationProperties("telemed.gateway")
public record RateLimitProperties(@DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("100000") int maxTrackedClients, Map<String, Group> rateLimits) {

    public RateLimitProperties {
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    }

    /**
     * @param capacity requests a client may make in a burst
     * @param refillPerMinute sustained requests per minute once the burst is spent
     * @param paths path patterns of the group (any method but OPTIONS)
     */
    public record Group(@DefaultValue("10") int capacity, @DefaultValue("10") int refillPerMinute,
            List<String> paths) {

        public Group {
            if (capacity < 1 || refillPerMinute < 1) {
                throw new IllegalArgumentException("rate limit capacity and refill-per-minute must be at least 1");
            }
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }
}
