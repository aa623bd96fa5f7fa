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
 * A family is one session: it ends {@code telemed.auth.session-absolute-lifetime} after the sign-in however often
 * it is refreshed, so a stolen token cannot keep a session alive for ever.
 */
@Component
public class RefreshTokens {

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;
    private final Duration absoluteLifetime;

    public RefreshTokens(DatabaseClient db, Clock clock,
            @Value("${telemed.auth.refresh-token-ttl:12h}") Duration ttl,
            @Value("${telemed.auth.session-absolute-lifetime:12h}") Duration absoluteLifetime) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        this.absoluteLifetime = absoluteLifetime;
    }

    /** Starts a new family for {@code userId}; emits the raw token (shown once, to the client). */
    public Mono<String> start(long userId) {
        return issue(userId, OneTimeTokens.issue(), clock.instant().plus(absoluteLifetime));
    }

    private Mono<String> issue(long userId, String familyId, Instant sessionEnds) {
        String raw = OneTimeTokens.issue();
        Instant expires = clock.instant().plus(ttl);
        return db.sql("""
                        insert into refresh_tokens (user_id, family_id, token_hash, expires_at, session_expires_at)
                        values (:user, :family, :hash, :expires, :sessionEnds)""")
                .bind("user", userId)
                .bind("family", familyId)
                .bind("hash", OneTimeTokens.hash(raw))
                .bind("expires", at(expires.isBefore(sessionEnds) ? expires : sessionEnds))
                .bind("sessionEnds", at(sessionEnds))
                .fetch().rowsUpdated()
                .thenReturn(raw);
    }

    /**
     * Uses {@code raw} once. Run inside a transaction: the row is locked while it is checked. A reused token
     * revokes its family (the caller must commit that before answering 401).
     */
    public Mono<Rotation> rotate(String raw) {
        return db.sql("""
                        select id, user_id, family_id, expires_at, session_expires_at, used_at, revoked_at
                          from refresh_tokens where token_hash = :hash for update""")
                .bind("hash", OneTimeTokens.hash(raw))
                .map(row -> new Stored(row.get("id", Long.class), row.get("user_id", Long.class),
                        row.get("family_id", String.class), row.get("expires_at", OffsetDateTime.class),
                        row.get("session_expires_at", OffsetDateTime.class),
                        row.get("used_at", OffsetDateTime.class) != null,
                        row.get("revoked_at", OffsetDateTime.class) != null))
                .one()
                .flatMap(stored -> {
                    if (stored.used() || stored.revoked()) {
                        return revokeFamily(stored.familyId()).thenReturn(Rotation.reused(stored.userId()));
                    }
                    Instant now = clock.instant();
                    if (stored.expiresAt().toInstant().isBefore(now) || !stored.sessionEnds().toInstant().isAfter(now)) {
                        return Mono.just(Rotation.invalid());
                    }
                    return db.sql("update refresh_tokens set used_at = now() where id = :id")
                            .bind("id", stored.id()).fetch().rowsUpdated()
                            .then(issue(stored.userId(), stored.familyId(), stored.sessionEnds().toInstant()))
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

    private record Stored(long id, long userId, String familyId, OffsetDateTime expiresAt,
            OffsetDateTime sessionEnds, boolean used, boolean revoked) {
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
