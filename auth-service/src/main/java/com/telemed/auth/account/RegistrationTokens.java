package com.telemed.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.auth.support.Secrets;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Who may register a medical professional: whoever holds the configured secret ({@code REGISTRATION_TOKEN}), or
 * a one-time token an it_admin created (valid 7 days, stored as its SHA-256 digest).
 */
@Component
public class RegistrationTokens {

    static final Duration ONE_TIME_TTL = Duration.ofDays(7);

    private final DatabaseClient db;
    private final Clock clock;
    private final String configured;

    public RegistrationTokens(DatabaseClient db, Clock clock, @Value("${telemed.auth.registration-token:}") String configured) {
        this.db = db;
        this.clock = clock;
        this.configured = configured;
    }

    public record OneTime(String token, Instant expiresAt) {
    }

    public Mono<OneTime> create(long createdBy) {
        String raw = OneTimeTokens.issue();
        Instant expires = clock.instant().plus(ONE_TIME_TTL);
        return db.sql("insert into registration_tokens (token_hash, created_by, expires_at) values (:hash, :by, :expires)")
                .bind("hash", OneTimeTokens.hash(raw)).bind("by", createdBy).bind("expires", expires.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .thenReturn(new OneTime(raw, expires));
    }

    /**
     * Whether {@code presented} may register. A one-time token is claimed here (inside the caller's transaction,
     * so a registration that fails later gives it back).
     */
    public Mono<Boolean> claim(String presented) {
        if (presented == null || presented.isBlank()) {
            return Mono.just(false);
        }
        if (!configured.isBlank() && Secrets.constantTimeEquals(configured, presented)) {
            return Mono.just(true);
        }
        return db.sql("""
                        update registration_tokens set used_at = now()
                         where token_hash = :hash and used_at is null and expires_at > now()""")
                .bind("hash", OneTimeTokens.hash(presented))
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }
}
