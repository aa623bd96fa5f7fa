package com.telemed.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.auth.account.MfaSecrets;
import com.telemed.auth.account.PasswordHasher;
import com.telemed.auth.account.RecoveryCodes;
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
 * switches MFA on and makes the recovery codes, shown that once. Turning MFA off, or making a new set of recovery
 * codes, takes the password and a code (TOTP or recovery): a borrowed session alone cannot weaken the account.
 * Every change is audited.
 */
@Service
public class Mfa {

    static final String ISSUER = "Telemed";

    private final Accounts accounts;
    private final MfaSecrets secrets;
    private final RecoveryCodes recoveryCodes;
    private final PasswordHasher hasher;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public Mfa(Accounts accounts, MfaSecrets secrets, RecoveryCodes recoveryCodes, PasswordHasher hasher,
            SecurityAudit audit, TransactionalOperator tx, Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.recoveryCodes = recoveryCodes;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public record Enrollment(String secret, String otpauthUri) {
    }

    /** MFA just switched on: the account, and its recovery codes in clear (shown this once). */
    public record Enabled(StaffAccount account, List<String> recoveryCodes) {
    }

    /** What the security page shows: whether MFA is on and how many recovery codes are left. */
    public record Status(boolean enabled, long recoveryCodesLeft) {
    }

    public Mono<Status> status(Caller caller) {
        return active(caller).flatMap(account -> recoveryCodes.left(account.id())
                .map(left -> new Status(account.mfaEnabled(), account.mfaEnabled() ? left : 0)));
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

    /** Confirms enrolment with a first code; emits the account, now with MFA on, and its recovery codes. */
    public Mono<Enabled> verify(Caller caller, String code, String ip) {
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
                    .then(recoveryCodes.replace(account.id()))
                    .flatMap(codes -> accounts.byId(account.id()).map(updated -> new Enabled(updated, codes))));
        });
    }

    public Mono<Void> disable(Caller caller, String password, String code, String ip) {
        return proven(caller, password, code, "mfa-disable", ip)
                .flatMap(account -> tx.transactional(accounts.disableMfa(account.id())
                        .then(recoveryCodes.deleteAll(account.id()))
                        .then(audit.record(caller.id(), account.role(), SecurityAudit.user(account.id()),
                                "mfa-disable", "success", ip))));
    }

    /** A new set of recovery codes in place of the old one (all of which stop working). */
    public Mono<List<String>> newRecoveryCodes(Caller caller, String password, String code, String ip) {
        return proven(caller, password, code, "mfa-recovery-codes", ip)
                .flatMap(account -> tx.transactional(recoveryCodes.replace(account.id())
                        .flatMap(codes -> audit.record(caller.id(), account.role(), SecurityAudit.user(account.id()),
                                "mfa-recovery-codes", "success", ip).thenReturn(codes))));
    }

    /**
     * The account, once the caller proved both factors again: its password and a current TOTP code (a step not
     * used before) or an unused recovery code. Either wrong answers the same 422, audited.
     */
    private Mono<StaffAccount> proven(Caller caller, String password, String code, String action, String ip) {
        return active(caller).flatMap(account -> {
            if (!account.mfaEnabled()) {
                return Mono.error(ApiException.conflict("mfa-not-enabled", "Multi-factor sign-in is off"));
            }
            Mono<StaffAccount> refused = audit.recordAlone(caller.id(), account.role(),
                    SecurityAudit.user(account.id()), action, "failed", ip).then(Mono.error(Mfa::wrongProof));
            return hasher.matches(password, account.passwordHash()).flatMap(passwordOk -> {
                if (!passwordOk) {
                    return refused;
                }
                if (RecoveryCodes.looksLikeRecoveryCode(code)) {
                    // Spent at once, in its own statement: a code offered here is gone whatever happens next.
                    return recoveryCodes.use(account.id(), code).flatMap(used -> used ? Mono.just(account) : refused);
                }
                OptionalLong step = Totp.matchingStep(secrets.open(account.mfaSecret()), code, clock.instant());
                if (step.isEmpty() || (account.mfaLastStep() != null && step.getAsLong() <= account.mfaLastStep())) {
                    return refused;
                }
                return accounts.setMfaLastStep(account.id(), step.getAsLong()).thenReturn(account);
            });
        });
    }

    private static ApiException wrongProof() {
        return ApiException.unprocessable("invalid-mfa-proof", "The password or the code is not valid");
    }

    private Mono<StaffAccount> active(Caller caller) {
        return accounts.byId(caller.numericId()).filter(StaffAccount::active)
                .switchIfEmpty(Mono.error(ApiException::forbidden));
    }

    private static ApiException invalidCode() {
        return ApiException.unprocessable("invalid-mfa-code", "The code is not valid");
    }
}
