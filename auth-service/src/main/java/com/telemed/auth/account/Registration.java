package com.telemed.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.Secrets;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.events.EventType;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Creates staff accounts. A registered medical professional gets a one-time temporary password, valid 24 hours and
 * stored only as a digest; it travels sealed in {@code medical-professional.registered} to notification-service,
 * which emails it. Nothing else ever sees it.
 */
@Service
public class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);
    static final Duration TEMPORARY_PASSWORD_TTL = Duration.ofHours(24);
    static final String EVENT = EventType.of(MedicalProfessionalRegistered.class).typeName();

    private final Accounts accounts;
    private final RegistrationTokens tokens;
    private final OutboxWriter outbox;
    private final EventSeal seal;
    private final TransactionalOperator tx;
    private final SecurityAudit audit;
    private final PasswordHasher hasher;
    private final Clock clock;

    public Registration(Accounts accounts, RegistrationTokens tokens, OutboxWriter outbox, EventSeal seal,
            TransactionalOperator tx, SecurityAudit audit, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.outbox = outbox;
        this.seal = seal;
        this.tx = tx;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record NewProfessional(String email, String fullName, String licenseNumber, String specialty) {
    }

    /** 403 for a wrong token (nothing created), 409 for a taken email; emits the created account. */
    public Mono<StaffAccount> registerWithToken(NewProfessional professional, String registrationToken, String ip) {
        String temporary = Secrets.temporaryPassword();
        Instant expires = clock.instant().plus(TEMPORARY_PASSWORD_TTL);
        Mono<StaffAccount> work = tokens.claim(registrationToken)
                .flatMap(allowed -> allowed ? Mono.just(true) : Mono.error(new WrongToken()))
                .then(accounts.insert(new Accounts.NewAccount(professional.email(), professional.fullName(),
                        professional.licenseNumber(), professional.specialty(), Roles.SPECIALIST, null,
                        OneTimeTokens.hash(temporary), expires)))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("email-taken",
                        "An account with this email already exists")))
                .flatMap(account -> announce(account, temporary, expires)
                        .then(audit.record(SecurityAudit.user(account.id()), "registration-token",
                                SecurityAudit.user(account.id()), "register", "success", ip))
                        .thenReturn(account));
        return tx.transactional(work)
                .onErrorResume(WrongToken.class, e -> audit.recordAlone(null, null, "user:new", "register", "denied", ip)
                        .then(Mono.error(new ApiException(HttpStatus.FORBIDDEN, "invalid-registration-token",
                                "The registration token is not valid"))));
    }

    /**
     * An account with its password already set (bootstrap it_admin, demo data): idempotent, so a restart finds it
     * and changes nothing. The registered event carries no password, so no email repeats a password set here.
     */
    public Mono<StaffAccount> ensureWithPassword(String email, String fullName, String role, String specialty,
            String licenseNumber, String password) {
        return accounts.byEmail(email).switchIfEmpty(Mono.defer(() -> hasher.hash(password)
                .flatMap(hash -> tx.transactional(accounts.insert(new Accounts.NewAccount(email, fullName,
                                licenseNumber, specialty, role, hash, null, null))
                        .flatMap(account -> announce(account, null, null)
                                .then(audit.record("system", "system", SecurityAudit.user(account.id()), "register",
                                        "success", null))
                                .thenReturn(account))))
                .doOnNext(account -> log.info("Created staff account {} ({})", account.id(), role))));
    }

    private Mono<Void> announce(StaffAccount account, String secret, Instant expires) {
        return outbox.write(new MedicalProfessionalRegistered(account.id(), account.email(), account.fullName(),
                account.role(), account.specialty(), account.licenseNumber(), "es",
                secret == null ? null : seal.seal(EVENT, "sealed_temporary_password", secret), expires),
                account.id()).then();
    }

    private static final class WrongToken extends RuntimeException {
        WrongToken() {
            super(null, null, false, false);
        }
    }
}
