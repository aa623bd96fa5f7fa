package com.telemed.auth.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.auth.account.Accounts;
import com.telemed.auth.account.StaffAccount;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.auth.token.RefreshTokens;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The IT panel's view of staff accounts: a paged list filtered by specialty, active flag and role, and changes to
 * one account. A change publishes {@code medical-professional.updated} (booking's directory follows it); a
 * deactivation also ends every refresh session at once, and access tokens run out within 15 minutes.
 */
@Service
public class ProfessionalDirectory {

    private final DatabaseClient db;
    private final Accounts accounts;
    private final RefreshTokens refreshTokens;
    private final OutboxWriter outbox;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;

    public ProfessionalDirectory(DatabaseClient db, Accounts accounts, RefreshTokens refreshTokens,
            OutboxWriter outbox, SecurityAudit audit, TransactionalOperator tx) {
        this.db = db;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
    }

    public record Filter(String specialty, Boolean active, String role) {
    }

    public Mono<Page<StaffAccount>> list(Filter filter, Paging paging) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.specialty() != null && !filter.specialty().isBlank()) {
            where.append(" and lower(specialty) = lower(:specialty)");
            binds.put("specialty", filter.specialty().trim());
        }
        if (filter.active() != null) {
            where.append(" and active = :active");
            binds.put("active", filter.active());
        }
        if (filter.role() != null && !filter.role().isBlank()) {
            where.append(" and role = :role");
            binds.put("role", filter.role().trim());
        }
        var select = db.sql("select " + columns() + " from users" + where + " order by id limit :limit offset :offset");
        var count = db.sql("select count(*) as n from users" + where);
        for (var bind : binds.entrySet()) {
            select = select.bind(bind.getKey(), bind.getValue());
            count = count.bind(bind.getKey(), bind.getValue());
        }
        Mono<List<StaffAccount>> items = select.bind("limit", paging.size()).bind("offset", paging.offset())
                .map(Accounts.MAPPER).all().collectList();
        Mono<Long> total = count.map(row -> row.get("n", Long.class)).one();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), paging, t.getT2()));
    }

    public record Changes(Boolean active, String fullName, String specialty, String licenseNumber, String role) {
        boolean empty() {
            return active == null && fullName == null && specialty == null && licenseNumber == null && role == null;
        }
    }

    public Mono<StaffAccount> change(long id, Changes changes, Caller caller, String ip) {
        if (changes.empty()) {
            return Mono.error(ApiException.unprocessable("no-changes", "Send at least one field to change"));
        }
        if (changes.role() != null && !Roles.STAFF.contains(changes.role())) {
            return Mono.error(ApiException.unprocessable("invalid-role",
                    "role must be one of " + String.join(", ", new java.util.TreeSet<>(Roles.STAFF))));
        }
        if (changes.fullName() != null && changes.fullName().isBlank()) {
            return Mono.error(ApiException.unprocessable("invalid-full-name", "full_name must not be blank"));
        }
        if (caller.numericId() == id && (Boolean.FALSE.equals(changes.active())
                || (changes.role() != null && !changes.role().equals(caller.role())))) {
            return Mono.error(ApiException.conflict("own-account",
                    "You cannot deactivate your own account or change your own role"));
        }
        Mono<StaffAccount> work = accounts.lockById(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Medical professional")))
                .flatMap(before -> {
                    List<String> sets = new ArrayList<>();
                    Map<String, Object> binds = new LinkedHashMap<>();
                    put(sets, binds, "active", changes.active());
                    put(sets, binds, "full_name", trimmed(changes.fullName()));
                    put(sets, binds, "specialty", trimmed(changes.specialty()));
                    put(sets, binds, "license_number", trimmed(changes.licenseNumber()));
                    put(sets, binds, "role", changes.role());
                    var update = db.sql("update users set " + String.join(", ", sets)
                            + ", updated_at = now() where id = :id returning " + columns()).bind("id", id);
                    for (var bind : binds.entrySet()) {
                        update = update.bind(bind.getKey(), bind.getValue());
                    }
                    return update.map(Accounts.MAPPER).one().flatMap(after -> changed(before.active(), after,
                            caller.id(), caller.role(), Boolean.FALSE.equals(changes.active()) ? "deactivate"
                                    : Boolean.TRUE.equals(changes.active()) ? "activate" : "update",
                            "success", ip));
                });
        return tx.transactional(work);
    }

    /**
     * Deactivates, as the system, whichever of {@code emails} are active, with the effects of an it_admin's
     * deactivation (sessions end, booking's directory follows, audited with {@code outcome}).
     */
    public Flux<StaffAccount> deactivateBySystem(Collection<String> emails, String outcome) {
        return tx.transactional(db.sql("update users set active = false, updated_at = now()"
                        + " where email in (:emails) and active returning " + columns())
                .bind("emails", emails.stream().map(Accounts::normalize).toList())
                .map(Accounts.MAPPER).all()
                .concatMap(after -> changed(true, after, "system", "system", "deactivate", outcome, null)));
    }

    private Mono<StaffAccount> changed(boolean wasActive, StaffAccount after, String actor, String role,
            String action, String outcome, String ip) {
        Mono<?> revoke = wasActive && !after.active() ? refreshTokens.revokeAllOf(after.id()) : Mono.empty();
        return revoke.then(outbox.write(new MedicalProfessionalUpdated(after.id(), after.email(), after.fullName(),
                        after.role(), after.specialty(), after.licenseNumber(), after.active()), after.id()))
                .then(audit.record(actor, role, SecurityAudit.user(after.id()), action, outcome, ip))
                .thenReturn(after);
    }

    private static void put(List<String> sets, Map<String, Object> binds, String column, Object value) {
        if (value != null) {
            sets.add(column + " = :" + column);
            binds.put(column, value);
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static String columns() {
        return """
                id, email, full_name, license_number, specialty, role, active, password_hash, must_change_password,
                temp_password_hash, temp_password_expires_at, failed_logins, locked_until, mfa_secret, mfa_enabled,
                mfa_last_step, created_at, updated_at""";
    }
}
