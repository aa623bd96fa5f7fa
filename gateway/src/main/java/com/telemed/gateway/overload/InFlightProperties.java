package com.telemed.gateway.overload;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests the gateway lets wait on each routed service at once ({@code telemed.gateway.in-flight.*}).
 * Past the limit a request is refused at once with 503 and {@code Retry-After} instead of queueing inside the
 * service (for a database connection, a worker thread) until the response timeout.
 *
 * @param perService limit for every routed service without an override
 * @param overrides limits by service name (route metadata {@code service}), e.g. {@code booking-service: 128}
 * @param retryAfterSeconds what the refusal tells the client to wait
 */
@ConfigurationProperties("telemed.gateway.in-flight")
public record InFlightProperties(@DefaultValue("256") int perService, Map<String, Integer> overrides,
        @DefaultValue("1") int retryAfterSeconds) {

    public InFlightProperties {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        if (perService < 1 || retryAfterSeconds < 1 || overrides.values().stream().anyMatch(limit -> limit < 1)) {
            throw new IllegalArgumentException("in-flight limits and retry-after-seconds must be at least 1");
        }
    }

    int limitOf(String service) {
        return overrides.getOrDefault(service, perService);
    }
}
