package com.telemed.auth.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.telemed.auth.account.Registration;
import com.telemed.auth.account.StaffAccount;
import com.telemed.auth.admin.ProfessionalDirectory;
import com.telemed.servicekit.security.Roles;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Accounts that exist before anyone can register others: the first it_admin from configuration
 * ({@code TELEMED_AUTH_BOOTSTRAP_ADMIN_EMAIL} and {@code _PASSWORD}), and in local mode the demo staff of
 * {@code make dev}. Created through the normal registration path (so {@code medical-professional.registered} is
 * published) with the password already set; idempotent across restarts.
 *
 * <p>The demo staff's password is public. Outside local mode (a database that once ran {@code make dev}, started
 * for real) any of them still active is deactivated at start-up, audited, and reported by the readiness
 * component {@code demoAccounts}.
 */
@Component
class StaffBootstrap {

    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);
    static final String DEMO_PASSWORD = "Telemed-Demo-2026!";

    static final List<String> DEMO_EMAILS = List.of("it@telemed.local", "admin@telemed.local",
            "doctor1@telemed.local", "doctor2@telemed.local");

    private final Registration registration;
    private final ProfessionalDirectory directory;
    private final DemoAccountsHealthIndicator health;
    private final String adminEmail;
    private final String adminPassword;
    private final boolean localMode;

    StaffBootstrap(Registration registration, ProfessionalDirectory directory, DemoAccountsHealthIndicator health,
            @Value("${telemed.auth.bootstrap-admin.email:}") String adminEmail,
            @Value("${telemed.auth.bootstrap-admin.password:}") String adminPassword,
            @Value("${telemed.local-mode:false}") boolean localMode) {
        this.registration = registration;
        this.directory = directory;
        this.health = health;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.localMode = localMode;
    }

    record Seed(String email, String fullName, String role, String specialty, String license, String password) {
    }

    List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        if (!adminEmail.isBlank() && !adminPassword.isBlank()) {
            seeds.add(new Seed(adminEmail, "IT administrator", Roles.IT_ADMIN, null, null, adminPassword));
        }
        if (localMode) {
            seeds.add(new Seed(DEMO_EMAILS.get(0), "Equipo IT", Roles.IT_ADMIN, null, null, DEMO_PASSWORD));
            seeds.add(new Seed(DEMO_EMAILS.get(1), "Administración Telemed", Roles.ADMIN, null, null, DEMO_PASSWORD));
            seeds.add(new Seed(DEMO_EMAILS.get(2), "Dra. Lucía Martín", Roles.SPECIALIST, "Medicina general",
                    "DEMO-0001", DEMO_PASSWORD));
            seeds.add(new Seed(DEMO_EMAILS.get(3), "Dr. Javier Ortega", Roles.SPECIALIST, "Dermatología",
                    "DEMO-0002", DEMO_PASSWORD));
        }
        return seeds;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startUp() {
        if (!localMode) {
            retireDemoAccounts().subscribe(retired -> { },
                    e -> log.error("Could not deactivate the demo staff accounts", e));
        }
        createAccounts();
    }

    /** Outside local mode: deactivates the demo staff still active; the emails it deactivated. */
    Mono<List<String>> retireDemoAccounts() {
        return directory.deactivateBySystem(DEMO_EMAILS, "demo-account-outside-local-mode")
                .map(StaffAccount::email)
                .collectList()
                .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)))
                .doOnNext(retired -> {
                    if (!retired.isEmpty()) {
                        log.warn("Deactivated the demo staff accounts {}: their password is public and this is not"
                                + " local mode", retired);
                    }
                    health.retired(retired);
                });
    }

    void createAccounts() {
        List<Seed> seeds = seeds();
        if (seeds.isEmpty()) {
            return;
        }
        Flux.fromIterable(seeds)
                .concatMap(seed -> registration.ensureWithPassword(seed.email(), seed.fullName(), seed.role(),
                        seed.specialty(), seed.license(), seed.password()))
                .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)))
                .subscribe(account -> { }, e -> log.error("Could not create the bootstrap staff accounts", e),
                        () -> log.info("Bootstrap staff accounts are in place ({})", seeds.size()));
    }
}
