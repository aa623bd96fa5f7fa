package com.telemed.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Refresh tokens rotate on every use. Each login starts a family; using a token marks it used and issues the next
 * one in the same family. Presenting a token that was already used means it was copied, so the whole family is
 * revoked and both holders must sign in again. Only SHA-256 digests are stored.
 */
@Component
public class RefreshTokens {

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;

    public RefreshTokens(DatabaseClient db, Clock clock,
            @Value("${telemed.auth.refresh-token-ttl:12h}") Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Starts a new family for {@code userId}; emits the raw token (shown once, to the client). */
    public Mono<String> start(long userId) {
        return issue(userId, OneTimeTokens.issue());
    }

    private Mono<String> issue(long userId, String familyId) {
        String raw = OneTimeTokens.issue();
        return db.sql("""
                        insert into refresh_tokens (user_id, family_id, token_hash, expires_at)
                        values (:user, :family, :hash, :expires)""")
                .bind("user", userId)
                .bind("family", familyId)
                .bind("hash", OneTimeTokens.hash(raw))
                .bind("expires", at(clock.instant().plus(ttl)))
                .fetch().rowsUpdated()
                .thenReturn(raw);
    }

    /**
     * Uses {@code raw} once. Run inside a transaction: the row is locked while it is checked. A reused token
     * revokes its family (the caller must commit that before answering 401).
     */
    public Mono<Rotation> rotate(String raw) {
        return db.sql("""
                        select id, user_id, family_id, expires_at, used_at, revoked_at
                          from refresh_tokens where token_hash = :hash for update""")
                .bind("hash", OneTimeTokens.hash(raw))
                .map(row -> new Stored(row.get("id", Long.class), row.get("user_id", Long.class),
                        row.get("family_id", String.class), row.get("expires_at", OffsetDateTime.class),
                        row.get("used_at", OffsetDateTime.class) != null,
                        row.get("revoked_at", OffsetDateTime.class) != null))
                .one()
                .flatMap(stored -> {
                    if (stored.used() || stored.revoked()) {
                        return revokeFamily(stored.familyId()).thenReturn(Rotation.reused(stored.userId()));
                    }
                    if (stored.expiresAt().toInstant().isBefore(clock.instant())) {
                        return Mono.just(Rotation.invalid());
                    }
                    return db.sql("update refresh_tokens set used_at = now() where id = :id")
                            .bind("id", stored.id()).fetch().rowsUpdated()
                            .then(issue(stored.userId(), stored.familyId()))
                            .map(next -> Rotation.rotated(stored.userId(), next));
                })
                .defaultIfEmpty(Rotation.invalid());
    }

    /** Revokes the family of {@code raw} when it belongs to {@code userId}; emits the user id. */
    public Mono<Long> revokeFamilyOf(String raw, long userId) {
        return db.sql("select user_id, family_id from refresh_tokens where token_hash = :hash and user_id = :user")
                .bind("hash", OneTimeTokens.hash(raw)).bind("user", userId)
                .map(row -> new Family(row.get("user_id", Long.class), row.get("family_id", String.class)))
                .one()
                .flatMap(family -> revokeFamily(family.id()).thenReturn(family.userId()));
    }

    public Mono<Long> revokeAllOf(long userId) {
        return db.sql("update refresh_tokens set revoked_at = now() where user_id = :user and revoked_at is null")
                .bind("user", userId).fetch().rowsUpdated();
    }

    private Mono<Long> revokeFamily(String familyId) {
        return db.sql("update refresh_tokens set revoked_at = now() where family_id = :family and revoked_at is null")
                .bind("family", familyId).fetch().rowsUpdated();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Stored(long id, long userId, String familyId, OffsetDateTime expiresAt, boolean used,
            boolean revoked) {
    }

    private record Family(long userId, String id) {
    }

    /** Outcome of {@link #rotate}: a new token, a detected reuse, or nothing usable. */
    public record Rotation(Outcome outcome, Long userId, String next) {
        public enum Outcome { ROTATED, REUSED, INVALID }

        static Rotation rotated(long userId, String next) {
            return new Rotation(Outcome.ROTATED, userId, next);
        }

        static Rotation reused(long userId) {
            return new Rotation(Outcome.REUSED, userId, null);
        }

        static Rotation invalid() {
            return new Rotation(Outcome.INVALID, null, null);
        }
    }
}
