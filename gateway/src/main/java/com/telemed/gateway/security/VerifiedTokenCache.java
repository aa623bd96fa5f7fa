package com.telemed.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Remembers tokens the delegate verified, so a client sending the same token on every call pays the RS256
 * signature check once instead of on each request (it was the largest single cost of an authenticated request at
 * the gateway). Only successful verifications are kept — a failure, including one while the keys are being
 * rotated, is never remembered — keyed by the SHA-256 of the token, each until the earlier of its {@code exp} and
 * {@code maxAge} after it was verified, at most {@code maxEntries} of them. Services verify every token again,
 * so a key withdrawn from the key set stops being honoured by them at once and by the gateway within
 * {@code maxAge}.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder delegate, int maxEntries, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        if (maxEntries <= 0) {
            return delegate.decode(token);
        }
        String key = sha256(token);
        Instant now = clock.instant();
        Entry hit = verified.get(key);
        if (hit != null) {
            if (now.isBefore(hit.until())) {
                return Mono.just(hit.jwt());
            }
            verified.remove(key, hit);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(key, jwt));
    }

    int size() {
        return verified.size();
    }

    private void remember(String key, Jwt jwt) {
        Instant now = clock.instant();
        Instant until = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (verified.size() >= maxEntries) {
                // Still full of live tokens: start over rather than track recency on every hit.
                verified.clear();
            }
        }
        verified.put(key, new Entry(jwt, until));
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Entry(Jwt jwt, Instant until) {
    }
}
