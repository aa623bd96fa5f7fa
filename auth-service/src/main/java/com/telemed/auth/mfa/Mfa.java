package com.telemed.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.auth.account.MfaSecrets;
import com.telemed.auth.account.Totp;
import com.telemed.auth.account.Accounts;
import com.telemed.auth.account.StaffAccount;
import com.telemed.servicekit.security.Caller;
import com.telemed.auth.support.Secrets;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * TOTP enrolment: a new secret (160 bits) is stored sealed and shown once as an {@code otpauth://} URI; a valid code
 * switches MFA on. Turning it off also takes a valid code. Every change is audited.
 */
@Service
public class Mfa {

    static final String ISSUER = "Telemed";

    private final Accounts accounts;
    private final MfaSecrets secrets;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public Mfa(Accounts accounts, MfaSecrets secrets, SecurityAudit audit, TransactionalOperator tx, Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public record Enrollment(String secret, String otpauthUri) {
    }

    public Mono<Enrollment> enroll(Caller caller, String ip) {
        return active(caller).flatMap(account -> {
            if (account.mfaEnabled()) {
                return Mono.error(ApiException.conflict("mfa-already-enabled",
                        "Multi-factor sign-in is already on; turn it off first"));
            }
            String secret = Totp.base32(Secrets.bytes(20));
            String label = URLEncoder.encode(ISSUER + ":" + account.email(), StandardCharsets.UTF_8).replace("+", "%20");
            String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                    + "&algorithm=SHA1&digits=6&period=30";
            return tx.transactional(accounts.setPendingMfaSecret(account.id(), secrets.seal(secret))
                            .then(audit.record(caller.id(), account.role(), SecurityAudit.user(account.id()),
                                    "mfa-enroll", "success", ip)))
                    .thenReturn(new Enrollment(secret, uri));
        });
    }

    /** Confirms enrolment with a first code; emits the account, now with MFA on. */
    public Mono<StaffAccount> verify(Caller caller, String code, String ip) {
        return active(caller).flatMap(account -> {
            if (account.mfaSecret() == null) {
                return Mono.error(ApiException.conflict("mfa-not-enrolled", "Start the enrolment first"));
            }
            OptionalLong step = Totp.matchingStep(secrets.open(account.mfaSecret()), code, clock.instant());
            if (step.isEmpty()) {
                return audit.recordAlone(caller.id(), account.role(), SecurityAudit.user(account.id()),
                        "mfa-verify", "failed", ip).then(Mono.error(invalidCode()));
            }
            return tx.transactional(accounts.enableMfa(account.id(), step.getAsLong())
                    .then(audit.record(caller.id(), account.role(), SecurityAudit.user(account.id()), "mfa-enable",
                            "success", ip))
                    .then(accounts.byId(account.id())));
        });
    }

    public Mono<Void> disable(Caller caller, String code, String ip) {
        return active(caller).flatMap(account -> {
            if (!account.mfaEnabled()) {
                return Mono.error(ApiException.conflict("mfa-not-enabled", "Multi-factor sign-in is off"));
            }
            OptionalLong step = Totp.matchingStep(secrets.open(account.mfaSecret()), code, clock.instant());
            if (step.isEmpty() || (account.mfaLastStep() != null && step.getAsLong() <= account.mfaLastStep())) {
                return audit.recordAlone(caller.id(), account.role(), SecurityAudit.user(account.id()),
                        "mfa-disable", "failed", ip).then(Mono.error(invalidCode()));
            }
            return tx.transactional(accounts.disableMfa(account.id())
                    .then(audit.record(caller.id(), account.role(), SecurityAudit.user(account.id()),
                            "mfa-disable", "success", ip)));
        });
    }

    private Mono<StaffAccount> active(Caller caller) {
        return accounts.byId(caller.numericId()).filter(StaffAccount::active)
                .switchIfEmpty(Mono.error(ApiException::forbidden));
    }

    private static ApiException invalidCode() {
        return ApiException.unprocessable("invalid-mfa-code", "The code is not valid");
    }
}
