package com.telemed.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Staff sign-in: password (or, before the first change, the temporary password), the optional TOTP step, refresh
 * and sign-out. Five failures in a row lock the account for 15 minutes. Every outcome is audited.
 */
@Service
public class SignIn {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private final RefreshTokens refreshTokens;
    private final MfaSecrets mfaSecrets;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final boolean mfaRequiredForItAdmin;

    public SignIn(Accounts accounts, PasswordHasher hasher, AccessTokens tokens, RefreshTokens refreshTokens,
            MfaSecrets mfaSecrets, SecurityAudit audit, TransactionalOperator tx, Clock clock,
            @Value("${telemed.auth.mfa.required-for-it-admin:false}") boolean mfaRequiredForItAdmin) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.mfaSecrets = mfaSecrets;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.mfaRequiredForItAdmin = mfaRequiredForItAdmin;
    }

    /** Email and password; before the first change the temporary password also works here (and must be changed). */
    public Mono<TokenAnswer> login(String email, String password, String ip) {
        return accounts.byEmail(email)
                .flatMap(account -> {
                    if (account.lockedAt(clock.instant())) {
                        return locked(account, ip);
                    }
                    if (account.passwordHash() == null) {
                        // Same bcrypt cost as a real check, then the one-time temporary password.
                        return hasher.matches(password, null).then(Mono.defer(() -> validTemporary(account, password)
                                ? startPasswordChange(account, ip) : failed(account, ip)));
                    }
                    return hasher.matches(password, account.passwordHash())
                            .flatMap(ok -> ok && account.active() ? succeeded(account, ip) : failed(account, ip));
                })
                .switchIfEmpty(Mono.defer(() -> hasher.matches(password, null)
                        .then(audit.recordAlone(null, null, "user:unknown", "login", "failed", ip))
                        .then(Mono.error(this::badCredentials))));
    }

    /** First sign-in with the emailed temporary password: answers a token that may only change the password. */
    public Mono<TokenAnswer> loginTemporary(String email, String temporaryPassword, String ip) {
        return accounts.byEmail(email)
                .flatMap(account -> {
                    if (account.lockedAt(clock.instant())) {
                        return locked(account, ip);
                    }
                    return validTemporary(account, temporaryPassword) ? startPasswordChange(account, ip)
                            : failed(account, ip);
                })
                .switchIfEmpty(Mono.defer(() -> audit.recordAlone(null, null, "user:unknown", "login-temporary",
                        "failed", ip).then(Mono.error(this::badCredentials))));
    }

    /** The second step: the challenge from {@link #login} and a current TOTP code. */
    public Mono<TokenAnswer> completeMfa(String mfaToken, String code, String ip) {
        Long userId = tokens.readMfaChallenge(mfaToken).orElse(null);
        if (userId == null) {
            return audit.recordAlone(null, null, "user:unknown", "login-mfa", "failed", ip)
                    .then(Mono.error(() -> unauthorized("invalid-mfa-token", "The sign-in step has expired; start again")));
        }
        Mono<Object> work = accounts.lockById(userId).flatMap(account -> {
            if (account.lockedAt(clock.instant())) {
                return Mono.just(new AccountLocked(Duration.between(clock.instant(), account.lockedUntil())));
            }
            if (!account.active() || !account.mfaEnabled() || account.mfaSecret() == null) {
                return Mono.just(badCredentials());
            }
            OptionalLong step = Totp.matchingStep(mfaSecrets.open(account.mfaSecret()), code, clock.instant());
            if (step.isEmpty() || (account.mfaLastStep() != null && step.getAsLong() <= account.mfaLastStep())) {
                return accounts.recordFailure(account.id(), MAX_FAILURES, clock.instant().plus(LOCK))
                        .flatMap(after -> audit.record(SecurityAudit.user(account.id()), account.role(),
                                SecurityAudit.user(account.id()), "login-mfa", "failed", ip).thenReturn(after))
                        .<Object>map(after -> after.lockedAt(clock.instant()) ? new AccountLocked(LOCK)
                                : unauthorized("invalid-mfa-code", "The code is not valid"));
            }
            return accounts.recordSuccess(account.id())
                    .then(accounts.setMfaLastStep(account.id(), step.getAsLong()))
                    .then(issue(account, "login-mfa", ip));
        });
        return tx.transactional(work).flatMap(SignIn::answerOrError);
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
                                .then(accounts.recordSuccess(account.id()))
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
        if (mfaRequiredForItAdmin && Roles.IT_ADMIN.equals(account.role())) {
            return tokens.mfaEnrollment(account.id(), account.email())
                    .flatMap(limited -> tx.transactional(accounts.recordSuccess(account.id()).then(audit.record(
                                    SecurityAudit.user(account.id()), account.role(), SecurityAudit.user(account.id()),
                                    "login-password", "success", ip)))
                            .thenReturn(TokenAnswer.mfaEnrollment(limited.token(), limited.expiresInSeconds(),
                                    account.role(), account.email(), account.fullName())));
        }
        return tx.transactional(accounts.recordSuccess(account.id()).then(issue(account, "login", ip)));
    }

    private Mono<TokenAnswer> failed(StaffAccount account, String ip) {
        return tx.transactional(accounts.recordFailure(account.id(), MAX_FAILURES, clock.instant().plus(LOCK))
                        .flatMap(after -> audit.record(SecurityAudit.user(account.id()), account.role(),
                                SecurityAudit.user(account.id()), "login", "failed", ip).thenReturn(after)))
                .flatMap(after -> Mono.error(after.lockedAt(clock.instant()) ? new AccountLocked(LOCK)
                        : badCredentials()));
    }

    private Mono<TokenAnswer> locked(StaffAccount account, String ip) {
        return audit.recordAlone(SecurityAudit.user(account.id()), account.role(), SecurityAudit.user(account.id()),
                        "login", "locked", ip)
                .then(Mono.error(new AccountLocked(Duration.between(clock.instant(), account.lockedUntil()))));
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
