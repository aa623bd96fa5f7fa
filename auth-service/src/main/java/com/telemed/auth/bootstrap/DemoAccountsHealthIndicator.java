package com.telemed.auth.bootstrap;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Readiness component {@code demoAccounts}: whether the demo staff (public password) may sign in. Always UP; its
 * details say what start-up did about them outside local mode.
 */
@Component
class DemoAccountsHealthIndicator implements ReactiveHealthIndicator {

    private final boolean localMode;
    private volatile List<String> retired;

    DemoAccountsHealthIndicator(@Value("${telemed.local-mode:false}") boolean localMode) {
        this.localMode = localMode;
    }

    void retired(List<String> emails) {
        this.retired = List.copyOf(emails);
    }

    @Override
    public Mono<Health> health() {
        Health.Builder health = Health.up().withDetail("local_mode", localMode);
        if (localMode) {
            return Mono.just(health.withDetail("demo_accounts", "enabled (local mode)").build());
        }
        List<String> done = retired;
        return Mono.just(done == null ? health.withDetail("demo_accounts", "being deactivated").build()
                : health.withDetail("demo_accounts", "disabled")
                        .withDetail("deactivated_at_start_up", done).build());
    }
}
