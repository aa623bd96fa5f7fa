package com.telemed.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.auth.token.RefreshTokens;
import com.telemed.events.EventType;
import com.telemed.events.PasswordResetRequested;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Changing a password (forced after the temporary one, or by choice), and the reset by emailed link: a single-use
 * token valid one hour, stored as its digest, sealed into {@code password-reset.requested}. A reset request
 * answers the same, after the same minimum time, whether or not the email has an account.
 */
@Service
public class Passwords {

    static final Duration RESET_TTL = Duration.ofHours(1);
    static final String RESET_EVENT = EventType.of(PasswordResetRequested.class).typeName();

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;
    private final SignIn signIn;
    private final OutboxWriter outbox;
    private final EventSeal seal;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;
    private final DatabaseClient db;
    private final Clock clock;
    private final Duration resetAnswerFloor;

    public Passwords(Accounts accounts, PasswordHasher hasher, PasswordPolicy policy, RefreshTokens refreshTokens,
            SignIn signIn, OutboxWriter outbox, EventSeal seal, SecurityAudit audit, TransactionalOperator tx,
            DatabaseClient db, Clock clock,
            @Value("${telemed.auth.reset-answer-floor:400ms}") Duration resetAnswerFloor) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.signIn = signIn;
        this.outbox = outbox;
        this.seal = seal;
        this.audit = audit;
        this.tx = tx;
        this.db = db;
        this.clock = clock;
        this.resetAnswerFloor = resetAnswerFloor;
    }

    /**
     * With the limited token of a temporary-password login no current password is asked (it was just proved);
     * otherwise the current password must match. Ends every other session, and answers fresh tokens.
     */
    public Mono<TokenAnswer> change(Caller caller, String currentPassword, String newPassword, String ip) {
        boolean forced = Roles.PASSWORD_CHANGE.equals(caller.role());
        return accounts.byId(caller.numericId())
                .filter(StaffAccount::active)
                .switchIfEmpty(Mono.error(() -> SignIn.unauthorized("account-inactive", "The session has ended")))
                .flatMap(account -> {
                    if (forced && !account.mustChangePassword()) {
                        return Mono.error(ApiException.conflict("password-already-changed",
                                "The password was already changed; sign in with it"));
                    }
                    Mono<Boolean> proof = forced ? Mono.just(true)
                            : currentPassword == null || currentPassword.isEmpty() ? Mono.just(false)
                                    : hasher.matches(currentPassword, account.passwordHash());
                    return proof.flatMap(ok -> {
                        if (!ok) {
                            return audit.recordAlone(caller.id(), caller.role(), SecurityAudit.user(account.id()),
                                    "password-change", "denied", ip).then(Mono.error(ApiException.unprocessable(
                                            "wrong-current-password", "The current password is not correct")));
                        }
                        policy.check(newPassword, account.email());
                        if (!forced && newPassword.equals(currentPassword)) {
                            return Mono.error(ApiException.unprocessable("weak-password",
                                    "The new password must differ from the current one"));
                        }
                        return hasher.hash(newPassword).flatMap(hash -> tx.transactional(
                                accounts.setPassword(account.id(), hash)
                                        .then(refreshTokens.revokeAllOf(account.id()))
                                        .then(audit.record(caller.id(), account.role(),
                                                SecurityAudit.user(account.id()), "password-change", "success", ip))
                                        .then(accounts.byId(account.id()))
                                        .flatMap(updated -> signIn.afterPasswordChange(updated, forced, ip))));
                    });
                });
    }

    public Mono<Void> requestReset(String email, String ip) {
        Instant started = clock.instant();
        Mono<Void> work = accounts.byEmail(email)
                .filter(StaffAccount::active)
                .flatMap(account -> {
                    String token = OneTimeTokens.issue();
                    Instant expires = clock.instant().plus(RESET_TTL);
                    return tx.transactional(db.sql("""
                                    insert into password_reset_tokens (user_id, token_hash, expires_at)
                                    values (:user, :hash, :expires)""")
                            .bind("user", account.id()).bind("hash", OneTimeTokens.hash(token))
                            .bind("expires", expires.atOffset(ZoneOffset.UTC))
                            .fetch().rowsUpdated()
                            .then(outbox.write(new PasswordResetRequested(account.id(), account.email(), "es",
                                    seal.seal(RESET_EVENT, "sealed_token", token), expires), account.id()))
                            .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                                    SecurityAudit.user(account.id()), "password-reset-request", "success", ip)));
                })
                .switchIfEmpty(Mono.defer(() -> audit.recordAlone(null, null, "user:unknown",
                        "password-reset-request", "ignored", ip)))
                .then();
        // Answer no sooner than the floor, whichever branch ran: timing does not tell whether the account exists.
        return work.then(Mono.defer(() -> {
            Duration spent = Duration.between(started, clock.instant());
            Duration rest = resetAnswerFloor.minus(spent);
            return rest.isNegative() ? Mono.empty() : Mono.delay(rest).then();
        }));
    }

    public Mono<Void> confirmReset(String token, String newPassword, String ip) {
        String digest = token == null ? "" : OneTimeTokens.hash(token);
        return db.sql("""
                        select t.user_id, t.expires_at, t.used_at from password_reset_tokens t
                         where t.token_hash = :hash""")
                .bind("hash", digest)
                .map(row -> new ResetToken(row.get("user_id", Long.class), row.get("expires_at", OffsetDateTime.class),
                        row.get("used_at", OffsetDateTime.class) != null))
                .one()
                .filter(reset -> !reset.used() && reset.expiresAt().toInstant().isAfter(clock.instant()))
                .flatMap(reset -> accounts.byId(reset.userId()).filter(StaffAccount::active))
                .switchIfEmpty(Mono.defer(() -> audit.recordAlone(null, null, "user:unknown", "password-reset",
                        "denied", ip).then(Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "invalid-reset-token",
                        "The reset link is not valid or has expired; ask for a new one")))))
                .flatMap(account -> {
                    policy.check(newPassword, account.email());
                    return hasher.hash(newPassword).flatMap(hash -> tx.transactional(db.sql("""
                                    update password_reset_tokens set used_at = now()
                                     where token_hash = :hash and used_at is null""")
                            .bind("hash", digest).fetch().rowsUpdated()
                            .flatMap(claimed -> claimed == 1 ? Mono.just(claimed)
                                    : Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "invalid-reset-token",
                                            "The reset link is not valid or has expired; ask for a new one")))
                            .then(accounts.setPassword(account.id(), hash))
                            .then(refreshTokens.revokeAllOf(account.id()))
                            .then(audit.record(SecurityAudit.user(account.id()), account.role(),
                                    SecurityAudit.user(account.id()), "password-reset", "success", ip))));
                });
    }

    private record ResetToken(long userId, OffsetDateTime expiresAt, boolean used) {
    }
}
