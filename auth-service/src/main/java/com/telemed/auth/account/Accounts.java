package com.telemed.auth.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/** The {@code users} table. Emails are kept lower-case, so look-ups ignore case. */
@Component
public class Accounts {

    static final String COLUMNS = """
            id, email, full_name, license_number, specialty, role, active, password_hash, must_change_password,
            temp_password_hash, temp_password_expires_at, failed_logins, locked_until, mfa_secret, mfa_enabled,
            mfa_last_step, created_at, updated_at""";

    public static final Function<Readable, StaffAccount> MAPPER = row -> new StaffAccount(
            row.get("id", Long.class),
            row.get("email", String.class),
            row.get("full_name", String.class),
            row.get("license_number", String.class),
            row.get("specialty", String.class),
            row.get("role", String.class),
            Boolean.TRUE.equals(row.get("active", Boolean.class)),
            row.get("password_hash", String.class),
            Boolean.TRUE.equals(row.get("must_change_password", Boolean.class)),
            row.get("temp_password_hash", String.class),
            instant(row.get("temp_password_expires_at", OffsetDateTime.class)),
            row.get("failed_logins", Integer.class),
            instant(row.get("locked_until", OffsetDateTime.class)),
            row.get("mfa_secret", String.class),
            Boolean.TRUE.equals(row.get("mfa_enabled", Boolean.class)),
            row.get("mfa_last_step", Long.class),
            instant(row.get("created_at", OffsetDateTime.class)),
            instant(row.get("updated_at", OffsetDateTime.class)));

    private final DatabaseClient db;

    public Accounts(DatabaseClient db) {
        this.db = db;
    }

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public Mono<StaffAccount> byEmail(String email) {
        return db.sql("select " + COLUMNS + " from users where email = :email")
                .bind("email", normalize(email)).map(MAPPER).one();
    }

    public Mono<StaffAccount> byId(long id) {
        return db.sql("select " + COLUMNS + " from users where id = :id").bind("id", id).map(MAPPER).one();
    }

    /** The row, locked until the transaction ends. */
    public Mono<StaffAccount> lockById(long id) {
        return db.sql("select " + COLUMNS + " from users where id = :id for update").bind("id", id).map(MAPPER).one();
    }

    public Mono<StaffAccount> insert(NewAccount account) {
        return db.sql("""
                        insert into users (email, full_name, license_number, specialty, role, password_hash,
                                           must_change_password, temp_password_hash, temp_password_expires_at)
                        values (:email, :name, :license, :specialty, :role, :password, :mustChange, :temp, :tempExpires)
                        on conflict (email) do nothing
                        returning\s""" + COLUMNS)
                .bind("email", normalize(account.email()))
                .bind("name", account.fullName())
                .bind("license", Parameters.in(R2dbcType.VARCHAR, account.licenseNumber()))
                .bind("specialty", Parameters.in(R2dbcType.VARCHAR, account.specialty()))
                .bind("role", account.role())
                .bind("password", Parameters.in(R2dbcType.VARCHAR, account.passwordHash()))
                .bind("mustChange", account.passwordHash() == null)
                .bind("temp", Parameters.in(R2dbcType.VARCHAR, account.tempPasswordHash()))
                .bind("tempExpires", Parameters.in(R2dbcType.TIMESTAMP_WITH_TIME_ZONE,
                        account.tempPasswordExpiresAt() == null ? null
                                : account.tempPasswordExpiresAt().atOffset(java.time.ZoneOffset.UTC)))
                .map(MAPPER).one();
    }

    /** Sets a new password: clears the temporary one, the forced change and the failure count. */
    public Mono<Long> setPassword(long id, String passwordHash) {
        return db.sql("""
                        update users set password_hash = :hash, must_change_password = false, temp_password_hash = null,
                               temp_password_expires_at = null, failed_logins = 0, locked_until = null, updated_at = now()
                         where id = :id""")
                .bind("hash", passwordHash).bind("id", id).fetch().rowsUpdated();
    }

    /** Burns the temporary password: it opens exactly one session. */
    public Mono<Long> consumeTemporaryPassword(long id) {
        return db.sql("update users set temp_password_hash = null, updated_at = now() where id = :id")
                .bind("id", id).fetch().rowsUpdated();
    }

    /** Counts a failure; from the {@code threshold}-th in a row the account is locked until {@code until}. */
    public Mono<Long> recordSuccess(long id) {
        return db.sql("update users set failed_logins = 0, locked_until = null where id = :id and failed_logins > 0")
                .bind("id", id).fetch().rowsUpdated();
    }

    public Mono<Long> setMfaLastStep(long id, long step) {
        return db.sql("update users set mfa_last_step = :step where id = :id").bind("step", step).bind("id", id)
                .fetch().rowsUpdated();
    }

    /** Stores a new, not yet confirmed TOTP secret (sealed); MFA stays off until a code proves it. */
    public Mono<Long> setPendingMfaSecret(long id, String sealedSecret) {
        return db.sql("update users set mfa_secret = :secret, mfa_enabled = false, mfa_last_step = null, updated_at = now() where id = :id")
                .bind("secret", sealedSecret).bind("id", id).fetch().rowsUpdated();
    }

    public Mono<Long> enableMfa(long id, long step) {
        return db.sql("update users set mfa_enabled = true, mfa_last_step = :step, updated_at = now() where id = :id")
                .bind("step", step).bind("id", id).fetch().rowsUpdated();
    }

    public Mono<Long> disableMfa(long id) {
        return db.sql("update users set mfa_enabled = false, mfa_secret = null, mfa_last_step = null, updated_at = now() where id = :id")
                .bind("id", id).fetch().rowsUpdated();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public record NewAccount(String email, String fullName, String licenseNumber, String specialty, String role,
            String passwordHash, String tempPasswordHash, Instant tempPasswordExpiresAt) {
    }
}
