package com.telemed.auth.account;

import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.auth.support.Homes;
import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.Secrets;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.auth.token.AccessTokens;
import com.telemed.auth.token.RefreshTokens;
import com.telemed.auth.token.RefreshTokens.Rotation;
import com.telemed.events.EventType;
import com.telemed.events.SignInThrottled;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Staff sign-in: password (or, before the first change, the temporary password), the optional TOTP step, refresh
 * and sign-out. Failures slow the account and the client address down ({@link SignInThrottle}); a throttled
 * attempt is answered exactly like a wrong password. Every outcome is audited.
 */
@Service
public class SignIn {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private final RefreshTokens refreshTokens;
    private final MfaSecrets mfaSecrets;
    private final RecoveryCodes recoveryCodes;
    private final SignInThrottle throttle;
    private final SecurityAudit audit;
    private final OutboxWriter outbox;
    private final EventSeal seal;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final boolean mfaRequiredForItAdmin;

    private static final String THROTTLED_EVENT = EventType.of(SignInThrottled.class).typeName();

    public SignIn(Accounts accounts, PasswordHasher hasher, AccessTokens tokens, RefreshTokens refreshTokens,
            MfaSecrets mfaSecrets, RecoveryCodes recoveryCodes, SignInThrottle throttle, SecurityAudit audit, OutboxWriter outbox, EventSeal seal,
            TransactionalOperator tx, Clock clock,
            @Value("${telemed.auth.mfa.required-for-it-admin:false}") boolean mfaRequiredForItAdmin) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.mfaSecrets = mfaSecrets;
        this.recoveryCodes = recoveryCodes;
        this.throttle = throttle;
        this.audit = audit;
        this.outbox = outbox;
        this.seal = seal;
        this.tx = tx;
        this.clock = clock;
        this.mfaRequiredForItAdmin = mfaRequiredForItAdmin;
    }

    /**
     * Email and password; before the first change the temporary password also works here (and must be changed).
     * {@code address} is the client address the gateway vouched for (null without one), {@code ip} the audited one.
     */
    public Mono<TokenAnswer> login(String email, String password, String ip, String address) {
        return accounts.byEmail(email)
                .flatMap(account -> throttle.waiting(account.id(), address).flatMap(waiting -> {
                    if (account.passwordHash() == null) {
                        // Same bcrypt cost as a real check, then the one-time temporary password.
                        return hasher.matches(password, null).then(Mono.defer(() -> waiting ? throttled(account, "login", ip)
                                : validTemporary(account, password) ? startPasswordChange(account, ip)
                                : failed(account, "login", ip, address)));
                    }
                    return hasher.matches(password, account.passwordHash())
                            .flatMap(ok -> waiting ? throttled(account, "login", ip)
                                    : ok && account.active() ? succeeded(account, ip)
                                    : failed(account, "login", ip, address));
                }))
                .switchIfEmpty(Mono.defer(() -> hasher.matches(password, null)
                        .then(unknownAccount("login", ip, address))));
    }

    /** First sign-in with the emailed temporary password: answers a token that may only change the password. */
    public Mono<TokenAnswer> loginTemporary(String email, String temporaryPassword, String ip, String address) {
        return accounts.byEmail(email)
                .flatMap(account -> throttle.waiting(account.id(), address).flatMap(waiting -> waiting
                        ? throttled(account, "login-temporary", ip)
                        : validTemporary(account, temporaryPassword) ? startPasswordChange(account, ip)
                        : failed(account, "login-temporary", ip, address)))
                .switchIfEmpty(Mono.defer(() -> unknownAccount("login-temporary", ip, address)));
    }

    /** The second step: the challenge from {@link #login} and a current TOTP code. */
    public Mono<TokenAnswer> completeMfa(String mfaToken, String code, String ip, String address) {
        Long userId = tokens.readMfaChallenge(mfaToken).orElse(null);
        if (userId == null) {
            return audit.recordAlone(null, null, "user:unknown", "login-mfa", "failed", ip)
                    .then(Mono.error(() -> unauthorized("invalid-mfa-token", "The sign-in step has expired; start again")));
        }
        Mono<Object> work = accounts.lockById(userId).flatMap(account -> throttle.waiting(account.id(), address)
                .flatMap(waiting -> {
            if (!account.active() || !account.mfaEnabled() || account.mfaSecret() == null) {
                return Mono.just(badCredentials());
            }
            if (waiting) {
                return audit.record(SecurityAudit.user(account.id()), account.role(), SecurityAudit.user(account.id()),
                        "login-mfa", "throttled", ip).thenReturn(invalidMfaCode());
            }
            Mono<Object> wrong = throttle.failed(account.id(), address)
                    .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                            SecurityAudit.user(account.id()), "login-mfa", "failed", ip))
                    .thenReturn(invalidMfaCode());
            if (RecoveryCodes.looksLikeRecoveryCode(code)) {
                // A recovery code stands in for the TOTP step once; it is spent in this transaction.
                return recoveryCodes.use(account.id(), code).flatMap(used -> used
                        ? cleared(account.id()).then(issue(account, "login-mfa-recovery-code", ip))
                        : wrong);
            }
            OptionalLong step = Totp.matchingStep(mfaSecrets.open(account.mfaSecret()), code, clock.instant());
            if (step.isEmpty() || (account.mfaLastStep() != null && step.getAsLong() <= account.mfaLastStep())) {
                return wrong;
            }
            return cleared(account.id())
                    .then(accounts.setMfaLastStep(account.id(), step.getAsLong()))
                    .then(issue(account, "login-mfa", ip));
        }));
        return tx.transactional(work).flatMap(SignIn::answerOrError);
    }

    private static ApiException invalidMfaCode() {
        return unauthorized("invalid-mfa-code", "The code is not valid");
    }

    /** Full tokens for an account that proved who it is; records the success in the current transaction. */
    Mono<TokenAnswer> issue(StaffAccount account, String action, String ip) {
        return tokens.staff(account.id(), account.role(), account.email(), account.fullName())
                .flatMap(access -> refreshTokens.start(account.id())
                        .flatMap(refresh -> audit.record(SecurityAudit.user(account.id()), account.role(),
                                        SecurityAudit.user(account.id()), action, "success", ip)
                                .thenReturn(TokenAnswer.tokens(access.token(), refresh, access.expiresInSeconds(),
                                        account.role(), Homes.of(account.role()), account.email(),
                                        account.fullName()))));
    }

    public Mono<TokenAnswer> refresh(String refreshToken, String ip) {
        Mono<Object> work = refreshTokens.rotate(refreshToken).flatMap(rotation -> {
            if (rotation.outcome() == Rotation.Outcome.INVALID) {
                return Mono.just(unauthorized("invalid-refresh-token", "The session has ended; sign in again"));
            }
            if (rotation.outcome() == Rotation.Outcome.REUSED) {
                return audit.record(SecurityAudit.user(rotation.userId()), null, SecurityAudit.user(rotation.userId()),
                                "refresh-reuse", "denied", ip)
                        .thenReturn(unauthorized("invalid-refresh-token", "The session has ended; sign in again"));
            }
            return accounts.byId(rotation.userId()).flatMap(account -> {
                if (!account.active() || account.mustChangePassword()) {
                    return refreshTokens.revokeAllOf(account.id())
                            .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                                    SecurityAudit.user(account.id()), "refresh", "denied", ip))
                            .thenReturn((Object) unauthorized("account-inactive", "The session has ended; sign in again"));
                }
                if (mustEnrolMfa(account)) {
                    // The policy changed since this session began: a refresh must not skip the enrolment.
                    return refreshTokens.revokeAllOf(account.id())
                            .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                                    SecurityAudit.user(account.id()), "refresh", "mfa-required", ip))
                            .thenReturn((Object) unauthorized("mfa-required",
                                    "Multi-factor sign-in is now required; sign in again to set it up"));
                }
                return tokens.staff(account.id(), account.role(), account.email(), account.fullName())
                        .map(access -> (Object) TokenAnswer.tokens(access.token(), rotation.next(),
                                access.expiresInSeconds(), account.role(), Homes.of(account.role()),
                                account.email(), account.fullName()));
            });
        });
        return tx.transactional(work).flatMap(SignIn::answerOrError);
    }

    /** Revokes the refresh token's family when it belongs to {@code userId}. */
    public Mono<Void> logout(long userId, String refreshToken, String ip) {
        Mono<Void> revoke = refreshToken == null || refreshToken.isBlank() ? refreshTokens.revokeAllOf(userId).then()
                : refreshTokens.revokeFamilyOf(refreshToken, userId).then();
        return tx.transactional(revoke.then(audit.record(SecurityAudit.user(userId), null, SecurityAudit.user(userId),
                "logout", "success", ip)));
    }

    private boolean validTemporary(StaffAccount account, String presented) {
        return account.active() && account.tempPasswordHash() != null && presented != null
                && account.tempPasswordExpiresAt() != null && account.tempPasswordExpiresAt().isAfter(clock.instant())
                && Secrets.constantTimeEquals(account.tempPasswordHash(), OneTimeTokens.hash(presented));
    }

    private Mono<TokenAnswer> startPasswordChange(StaffAccount account, String ip) {
        return tokens.passwordChange(account.id(), account.email())
                .flatMap(limited -> tx.transactional(accounts.consumeTemporaryPassword(account.id())
                                .then(cleared(account.id()))
                                .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                                        SecurityAudit.user(account.id()), "login-temporary", "success", ip)))
                        .thenReturn(TokenAnswer.mustChange(limited.token(), limited.expiresInSeconds(),
                                account.role(), account.email(), account.fullName())));
    }

    private Mono<TokenAnswer> succeeded(StaffAccount account, String ip) {
        if (account.mfaEnabled()) {
            return tx.transactional(audit.record(SecurityAudit.user(account.id()), account.role(),
                            SecurityAudit.user(account.id()), "login-password", "success", ip))
                    .then(tokens.mfaChallenge(account.id())).map(TokenAnswer::mfaStep);
        }
        if (mustEnrolMfa(account)) {
            return tokens.mfaEnrollment(account.id(), account.email())
                    .flatMap(limited -> tx.transactional(cleared(account.id()).then(audit.record(
                                    SecurityAudit.user(account.id()), account.role(), SecurityAudit.user(account.id()),
                                    "login-password", "success", ip)))
                            .thenReturn(TokenAnswer.mfaEnrollment(limited.token(), limited.expiresInSeconds(),
                                    account.role(), account.email(), account.fullName())));
        }
        return tx.transactional(cleared(account.id()).then(issue(account, "login", ip)));
    }

    /**
     * Tokens after a password change, under the same MFA policy as a sign-in: a forced change (after the temporary
     * password) proved only a password, so an account with TOTP still takes the second step, and an it_admin who
     * must enrol gets the enrolment-only token. A voluntary change was made from a session that already passed them.
     * Runs in the caller's transaction.
     */
    Mono<TokenAnswer> afterPasswordChange(StaffAccount account, boolean forced, String ip) {
        if (forced && account.mfaEnabled()) {
            return audit.record(SecurityAudit.user(account.id()), account.role(), SecurityAudit.user(account.id()),
                    "login-password", "success", ip).then(tokens.mfaChallenge(account.id())).map(TokenAnswer::mfaStep);
        }
        if (mustEnrolMfa(account)) {
            return tokens.mfaEnrollment(account.id(), account.email())
                    .map(limited -> TokenAnswer.mfaEnrollment(limited.token(), limited.expiresInSeconds(),
                            account.role(), account.email(), account.fullName()));
        }
        return issue(account, "login", ip);
    }

    private boolean mustEnrolMfa(StaffAccount account) {
        return mfaRequiredForItAdmin && Roles.IT_ADMIN.equals(account.role()) && !account.mfaEnabled();
    }

    /** A wrong secret: counted against the account and the address, audited, answered as wrong credentials. */
    private Mono<TokenAnswer> failed(StaffAccount account, String action, String ip, String address) {
        String user = SecurityAudit.user(account.id());
        return tx.transactional(throttle.failed(account.id(), address)
                        .flatMap(failure -> audit.record(user, account.role(), user, action, "failed", ip)
                                // The account starts to wait: someone is guessing its password (or its owner forgot it).
                                .then(failure.accountNowWaits()
                                        ? audit.record("system", "system", user, "sign-in-throttle", "started", ip)
                                                .then(tellOwner(account, failure.accountFailures()))
                                        : Mono.empty())))
                .then(Mono.error(this::badCredentials));
    }

    /**
     * The owner of an active account hears that it is being slowed down, once per counting window (the moment it
     * starts to wait). The address travels sealed; the answer to the caller does not change.
     */
    private Mono<Void> tellOwner(StaffAccount account, int failures) {
        if (!account.active()) {
            return Mono.empty();
        }
        return outbox.write(new SignInThrottled(account.id(),
                seal.seal(THROTTLED_EVENT, SignInThrottled.SEALED_EMAIL, account.email()), "es", failures,
                clock.instant()), account.id()).then();
    }

    /** The account or the address must still wait: not even looked at, and answered like a wrong password. */
    private Mono<TokenAnswer> throttled(StaffAccount account, String action, String ip) {
        String user = SecurityAudit.user(account.id());
        return audit.recordAlone(user, account.role(), user, action, "throttled", ip)
                .then(Mono.error(this::badCredentials));
    }

    private Mono<TokenAnswer> unknownAccount(String action, String ip, String address) {
        return tx.transactional(throttle.failed(null, address)
                        .then(audit.record(null, null, "user:unknown", action, "failed", ip)))
                .then(Mono.error(this::badCredentials));
    }

    /** A proven sign-in clears the account's failures. */
    private Mono<Void> cleared(long accountId) {
        return accounts.recordSuccess(accountId).then(throttle.succeeded(accountId));
    }

    private ApiException badCredentials() {
        return unauthorized("invalid-credentials", "Email or password is not correct");
    }

    static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }

    private static Mono<TokenAnswer> answerOrError(Object outcome) {
        return outcome instanceof TokenAnswer answer ? Mono.just(answer)
                : Mono.error((Throwable) outcome);
    }
}
