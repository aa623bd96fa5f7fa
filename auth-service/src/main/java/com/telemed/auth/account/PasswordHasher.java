package com.telemed.auth.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt, always on {@code boundedElastic}: one hash costs tens of milliseconds of CPU by design, which must never
 * stall an event-loop thread. Cost from {@code TELEMED_AUTH_BCRYPT_COST} (10 to 14, default 10).
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder;
    // Compared against when the email is unknown, so that case costs the same time as a wrong password.
    private final String decoy;

    public PasswordHasher(@Value("${telemed.auth.bcrypt-cost:10}") int cost) {
        if (cost < 10 || cost > 14) {
            throw new IllegalStateException("telemed.auth.bcrypt-cost must be between 10 and 14");
        }
        this.encoder = new BCryptPasswordEncoder(cost);
        this.decoy = encoder.encode("decoy-" + System.nanoTime());
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether {@code password} matches {@code hash}; a null hash is checked against a decoy and never matches. */
    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> {
            boolean ok = encoder.matches(password, hash == null ? decoy : hash);
            return ok && hash != null;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
