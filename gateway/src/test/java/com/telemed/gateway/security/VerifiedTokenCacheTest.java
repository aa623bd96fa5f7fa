package com.telemed.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/** Only verified tokens are remembered, never past their expiry or the maximum age, and never more than the bound. */
class VerifiedTokenCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final List<String> verifications = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    /** Stands in for the RS256 check: counts its calls; refuses tokens listed in {@code refused}. */
    private final ReactiveJwtDecoder signatureCheck = token -> {
        verifications.add(token);
        if (refused.contains(token)) {
            return Mono.error(new BadJwtException("signature does not verify"));
        }
        return Mono.just(jwt(token, clock.instant().plus(Duration.ofMinutes(15))));
    };

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 100, Duration.ofMinutes(5), clock);

        Jwt first = cache.decode("token-a").block();
        Jwt second = cache.decode("token-a").block();
        cache.decode("token-b").block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).containsExactly("token-a", "token-b");
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        refused.add("forged");
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 100, Duration.ofMinutes(5), clock);

        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        // Refused while keys rotate, accepted once the new key is known: the refusal was not remembered.
        refused.clear();
        assertThat(cache.decode("forged").block()).isNotNull();

        assertThat(verifications).hasSize(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aTokenIsForgottenWhenItExpires() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 100, Duration.ofHours(1), clock);
        cache.decode("token-a").block();

        clock.advance(Duration.ofMinutes(14));
        cache.decode("token-a").block();
        assertThat(verifications).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        cache.decode("token-a").block();
        assertThat(verifications).hasSize(2);
    }

    @Test
    void aTokenIsForgottenAfterTheMaximumAgeEvenBeforeItExpires() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 100, Duration.ofSeconds(60), clock);
        cache.decode("token-a").block();

        clock.advance(Duration.ofSeconds(59));
        cache.decode("token-a").block();
        clock.advance(Duration.ofSeconds(1));
        cache.decode("token-a").block();

        assertThat(verifications).hasSize(2);
    }

    @Test
    void theCacheStaysWithinItsBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 10; i++) {
            cache.decode("token-" + i).block();
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aBoundOfZeroTurnsTheCacheOff() {
        VerifiedTokenCache cache = new VerifiedTokenCache(signatureCheck, 0, Duration.ofMinutes(5), clock);
        cache.decode("token-a").block();
        cache.decode("token-a").block();
        assertThat(verifications).hasSize(2);
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("42")
                .issuedAt(expiresAt.minus(Duration.ofMinutes(15))).expiresAt(expiresAt).build();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
