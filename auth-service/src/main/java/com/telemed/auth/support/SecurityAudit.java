package com.telemed.auth.support;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;

import reactor.core.publisher.Mono;

/**
 * Security events in the audit trail: who (user id, or {@code anonymous}), when, from which address, with the
 * request id. Never an email, a password or a token.
 */
@Component
public class SecurityAudit {

    private final AuditLog audit;
    private final TransactionalOperator tx;

    public SecurityAudit(AuditLog audit, TransactionalOperator tx) {
        this.audit = audit;
        this.tx = tx;
    }

    /** In the caller's transaction: the entry exists only if the change committed. */
    public Mono<Void> record(String actor, String role, String resource, String action, String outcome, String ip) {
        return audit.record(new AuditEntry(actor == null ? "anonymous" : actor, role == null ? "none" : role, null,
                resource, action, outcome, ip));
    }

    /** In its own transaction: for refusals, which roll back everything else. */
    public Mono<Void> recordAlone(String actor, String role, String resource, String action, String outcome,
            String ip) {
        return tx.transactional(record(actor, role, resource, action, outcome, ip));
    }

    public static String user(long id) {
        return "user:" + id;
    }
}
