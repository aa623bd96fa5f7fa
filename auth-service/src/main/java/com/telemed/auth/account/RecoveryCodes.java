package com.telemed.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MFA recovery codes: a set of ten made when MFA is switched on (or on request), shown once, stored as SHA-256
 * digests, each accepted once in place of a TOTP code — for the day the phone is lost. Each code is 12 characters
 * of a 31-letter alphabet (about 59 bits), written {@code xxxx-xxxx-xxxx}; dashes, spaces and case do not matter when
 * typed.
 */
@Component
public class RecoveryCodes {

    static final int SET_SIZE = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i look-alikes
    private static final int LENGTH = 12;

    private final DatabaseClient db;

    public RecoveryCodes(DatabaseClient db) {
        this.db = db;
    }

    /** Replaces the account's codes by a fresh set; emits the codes in clear, the only time they exist so. */
    public Mono<List<String>> replace(long userId) {
        List<String> codes = new ArrayList<>(SET_SIZE);
        for (int i = 0; i < SET_SIZE; i++) {
            codes.add(fresh());
        }
        return deleteAll(userId)
                .thenMany(Flux.fromIterable(codes).concatMap(code -> db.sql(
                                "insert into mfa_recovery_codes (user_id, code_hash) values (:user, :hash)")
                        .bind("user", userId).bind("hash", OneTimeTokens.hash(normalized(code)))
                        .fetch().rowsUpdated()))
                .then(Mono.just(List.copyOf(codes)));
    }

    /** Spends {@code presented} if it is one of the account's unused codes; emits whether it was. */
    public Mono<Boolean> use(long userId, String presented) {
        String code = normalized(presented);
        if (code.length() != LENGTH) {
            return Mono.just(false);
        }
        return db.sql("""
                        update mfa_recovery_codes set used_at = now()
                         where user_id = :user and code_hash = :hash and used_at is null""")
                .bind("user", userId).bind("hash", OneTimeTokens.hash(code))
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    public Mono<Long> left(long userId) {
        return db.sql("select count(*) from mfa_recovery_codes where user_id = :user and used_at is null")
                .bind("user", userId).map(row -> row.get(0, Long.class)).one().defaultIfEmpty(0L);
    }

    public Mono<Long> deleteAll(long userId) {
        return db.sql("delete from mfa_recovery_codes where user_id = :user").bind("user", userId)
                .fetch().rowsUpdated();
    }

    /** A TOTP code is six digits; anything else offered as a code is tried as a recovery code. */
    public static boolean looksLikeRecoveryCode(String presented) {
        return presented != null && normalized(presented).length() == LENGTH;
    }

    private static String fresh() {
        StringBuilder out = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(OneTimeTokens.random().nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String normalized(String presented) {
        return presented == null ? "" : presented.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
