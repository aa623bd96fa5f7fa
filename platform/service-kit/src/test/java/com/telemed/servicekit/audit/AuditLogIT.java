package com.telemed.servicekit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.testkit.ServiceTest;
import com.telemed.webkit.RequestIds;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** The audit trail on a real PostgreSQL: append in the caller's transaction, hash-chain, detect tampering. */
@ServiceTest
class AuditLogIT {

    @Autowired
    AuditLog audit;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;

    @Test
    void recordsInTheCallersTransactionChainsAndDetectsAChangedRow() {
        String marker = "patient:" + System.nanoTime();
        StepVerifier.create(audit.record(AuditEntry.success("7", "doctor", 42L, marker, "read"))
                        .contextWrite(Context.of(RequestIds.MDC_KEY, "req-audit-0001")))
                .verifyComplete();
        StepVerifier.create(tx.transactional(audit.record(AuditEntry.success("7", "doctor", 42L, marker, "update"))
                        .then(Mono.error(new IllegalStateException("rolled back")))))
                .verifyError(IllegalStateException.class);
        StepVerifier.create(audit.record(AuditEntry.denied("8", "doctor", 42L, marker, "read").from("203.0.113.9")))
                .verifyComplete();

        StepVerifier.create(audit.chain()).assertNext(linked -> assertThat(linked).isGreaterThanOrEqualTo(2))
                .verifyComplete();

        StepVerifier.create(db.sql("select action, outcome, request_id, client_ip, hash from audit_log "
                        + "where resource = :r order by id").bind("r", marker)
                        .map(row -> row.get("action", String.class) + "/" + row.get("outcome", String.class) + "/"
                                + row.get("request_id", String.class) + "/" + row.get("client_ip", String.class) + "/"
                                + (row.get("hash", String.class) != null))
                        .all().collectList())
                .assertNext(rows -> assertThat(rows).containsExactly(
                        "read/success/req-audit-0001/null/true",
                        "read/denied/null/203.0.113.9/true"))
                .verifyComplete();
        StepVerifier.create(audit.verify()).verifyComplete();

        Long tampered = db.sql("update audit_log set outcome = 'success' where resource = :r and outcome = 'denied' "
                        + "returning chain_seq").bind("r", marker)
                .map(row -> row.get("chain_seq", Long.class)).one().block();
        StepVerifier.create(audit.verify()).expectNext(tampered).verifyComplete();

        db.sql("update audit_log set outcome = 'denied' where chain_seq = :s").bind("s", tampered)
                .fetch().rowsUpdated().block();
        StepVerifier.create(audit.verify()).verifyComplete();
    }
}
