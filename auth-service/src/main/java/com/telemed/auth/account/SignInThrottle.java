package com.telemed.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Growing delays after failed sign-ins, per account and per client address, instead of a lock anyone could set off:
 * after {@code free} failures in a day each further one makes the key wait 1 s, 2 s, 4 s… (from
 * {@code telemed.auth.throttle.first-delay}) up to its ceiling. While
 * a key waits, every attempt on it is refused exactly like a wrong password (same status, body and work), so the
 * answer never tells whether an account exists or is being throttled. The per-account ceiling is short, so an
 * attacker cannot keep a doctor out for long; the per-address one is long, since that is the attacker's own.
 * Addresses count only when the gateway vouched for them ({@code X-Telemed-Client-Ip}).
 */
@Component
public class SignInThrottle {

    /** The outcome of recording a failure: the account's failures in a row, and whether it just began waiting. */
    public record Failure(int accountFailures, boolean accountNowWaits) {
    }

    private record Policy(int free, Duration first, Duration ceiling) {
        Instant until(int failures, Instant now) {
            if (failures <= free) {
                return null;
            }
            long millis = first.toMillis() << Math.min(20, failures - free - 1);
            return now.plus(Duration.ofMillis(Math.min(millis, ceiling.toMillis())));
        }
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final Policy perAccount;
    private final Policy perAddress;

    public SignInThrottle(DatabaseClient db, Clock clock,
            @Value("${telemed.auth.throttle.first-delay:1s}") Duration first,
            @Value("${telemed.auth.throttle.account-free-failures:5}") int accountFree,
            @Value("${telemed.auth.throttle.account-max-delay:5m}") Duration accountCeiling,
            @Value("${telemed.auth.throttle.address-free-failures:10}") int addressFree,
            @Value("${telemed.auth.throttle.address-max-delay:15m}") Duration addressCeiling) {
        this.db = db;
        this.clock = clock;
        this.perAccount = new Policy(accountFree, first, accountCeiling);
        this.perAddress = new Policy(addressFree, first, addressCeiling);
    }

    /** Whether the account or the address must still wait. */
    public Mono<Boolean> waiting(Long accountId, String address) {
        List<String> keys = keys(accountId, address);
        if (keys.isEmpty()) {
            return Mono.just(false);
        }
        return db.sql("select count(*) from sign_in_throttle where key in (:keys) and blocked_until > :now")
                .bind("keys", keys).bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> row.get(0, Long.class)).one().map(n -> n > 0);
    }

    /** Counts a failure for the account (when known) and the address. */
    public Mono<Failure> failed(Long accountId, String address) {
        Mono<Integer> account = accountId == null ? Mono.just(0) : count(key(accountId), perAccount);
        Mono<Integer> byAddress = address == null ? Mono.just(0) : count(addressKey(address), perAddress);
        return byAddress.then(account).map(n -> new Failure(n, n == perAccount.free() + 1));
    }

    /** A successful sign-in clears the account's count (the address keeps its own). */
    public Mono<Void> succeeded(long accountId) {
        return db.sql("delete from sign_in_throttle where key = :key").bind("key", key(accountId)).then();
    }

    private Mono<Integer> count(String key, Policy policy) {
        Instant now = clock.instant();
        return db.sql("""
                        insert into sign_in_throttle (key, failures, updated_at) values (:key, 1, :now)
                        on conflict (key) do update set
                            failures = case when sign_in_throttle.updated_at < :now - interval '1 day' then 1
                                            else sign_in_throttle.failures + 1 end,
                            updated_at = :now
                        returning failures""")
                .bind("key", key).bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("failures", Integer.class)).one()
                .flatMap(failures -> {
                    Instant until = policy.until(failures, now);
                    return until == null ? Mono.just(failures)
                            : db.sql("update sign_in_throttle set blocked_until = :until where key = :key")
                                    .bind("until", until.atOffset(ZoneOffset.UTC)).bind("key", key)
                                    .then().thenReturn(failures);
                });
    }

    private static List<String> keys(Long accountId, String address) {
        List<String> keys = new ArrayList<>(2);
        if (accountId != null) {
            keys.add(key(accountId));
        }
        if (address != null) {
            keys.add(addressKey(address));
        }
        return keys;
    }

    private static String key(long accountId) {
        return "account:" + accountId;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
