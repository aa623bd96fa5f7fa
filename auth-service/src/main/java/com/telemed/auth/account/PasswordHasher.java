package com.telemed.auth.account;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt, always on a bounded-elastic scheduler of its own: one hash costs tens of milliseconds of CPU by design,
 * which must never stall an event-loop thread. Its threads are capped (default: one fewer than the cores, at least
 * one) so that a login storm queues for hashing instead of taking every core from the event loops: the rest of the
 * service keeps answering quickly. Cost from {@code TELEMED_AUTH_BCRYPT_COST} (10 to 14, default 10).
 */
@Component
public class PasswordHasher implements DisposableBean {

    private final BCryptPasswordEncoder encoder;
    // Compared against when the email is unknown, so that case costs the same time as a wrong password.
    private final String decoy;

    private final Scheduler hashing;

    public PasswordHasher(@Value("${telemed.auth.bcrypt-cost:10}") int cost,
            @Value("${telemed.auth.hashing-threads:0}") int threads) {
        if (cost < 10 || cost > 14) {
            throw new IllegalStateException("telemed.auth.bcrypt-cost must be between 10 and 14");
        }
        this.encoder = new BCryptPasswordEncoder(cost);
        this.decoy = encoder.encode("decoy-" + System.nanoTime());
        int cap = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        this.hashing = Schedulers.newBoundedElastic(cap, 10_000, "bcrypt");
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(hashing);
    }

    @Override
    public void destroy() {
        hashing.dispose();
    }

    /** Whether {@code password} matches {@code hash}; a null hash is checked against a decoy and never matches. */
    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> {
            boolean ok = encoder.matches(password, hash == null ? decoy : hash);
            return ok && hash != null;
        }).subscribeOn(hashing);
    }
}
