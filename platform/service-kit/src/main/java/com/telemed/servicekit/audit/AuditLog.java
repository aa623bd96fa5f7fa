package com.telemed.servicekit.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.webkit.RequestIds;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's audit trail. {@link #record} appends a row in the caller's transaction (an access that rolled
 * back leaves no trace of having succeeded). {@link #chain} links new rows in commit order with SHA-256 hashes
 * under an advisory lock, off the request path, so auditing never serialises requests; {@link #verify} walks the
 * chain and reports the first row that no longer matches.
 */
public class AuditLog {

    static final String GENESIS = "0".repeat(64);

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public AuditLog(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    public Mono<Void> record(AuditEntry entry) {
        return Mono.deferContextual(ctx -> db.sql("""
                        insert into audit_log (actor, actor_role, patient_id, resource, action, outcome, request_id,
                                               client_ip)
                        values (:actor, :role, :patient, :resource, :action, :outcome, :requestId, :ip)""")
                .bind("actor", entry.actor())
                .bind("role", entry.actorRole())
                .bind("patient", Parameters.in(R2dbcType.BIGINT, entry.patientId()))
                .bind("resource", entry.resource())
                .bind("action", entry.action())
                .bind("outcome", entry.outcome())
                .bind("requestId", Parameters.in(R2dbcType.VARCHAR,
                        ctx.<String>getOrEmpty(RequestIds.MDC_KEY).orElse(null)))
                .bind("ip", Parameters.in(R2dbcType.VARCHAR, entry.clientIp()))
                .fetch().rowsUpdated().then());
    }

    /** Links every committed, unlinked row; emits how many it linked. */
    public Mono<Integer> chain() {
        Mono<Integer> work = db.sql("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.audit-chain')) as ok")
                .map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class)))
                .one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> last())
                .flatMap(last -> unchained().collectList().flatMap(rows -> link(last, rows)))
                .defaultIfEmpty(0);
        return tx.transactional(work);
    }

    private Mono<Link> last() {
        return db.sql("select chain_seq, hash from audit_log where chain_seq is not null order by chain_seq desc limit 1")
                .map(row -> new Link(row.get("chain_seq", Long.class), row.get("hash", String.class)))
                .one()
                .defaultIfEmpty(new Link(0L, GENESIS));
    }

    private Flux<Row> unchained() {
        return db.sql("""
                        select id, occurred_at, actor, actor_role, patient_id, resource, action, outcome, request_id,
                               client_ip
                          from audit_log where chain_seq is null order by id limit 500 for update""")
                .map(row -> new Row(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class),
                        row.get("actor", String.class), row.get("actor_role", String.class),
                        row.get("patient_id", Long.class), row.get("resource", String.class),
                        row.get("action", String.class), row.get("outcome", String.class),
                        row.get("request_id", String.class), row.get("client_ip", String.class)))
                .all();
    }

    private Mono<Integer> link(Link last, List<Row> rows) {
        Link previous = last;
        Flux<Long> updates = Flux.empty();
        for (Row row : rows) {
            Link next = new Link(previous.seq() + 1, hash(previous.hash(), row));
            String prevHash = previous.hash();
            updates = updates.concatWith(db.sql(
                            "update audit_log set chain_seq = :seq, prev_hash = :prev, hash = :hash where id = :id")
                    .bind("seq", next.seq()).bind("prev", prevHash).bind("hash", next.hash()).bind("id", row.id())
                    .fetch().rowsUpdated());
            previous = next;
        }
        return updates.then(Mono.just(rows.size()));
    }

    /** Recomputes the chain; emits the {@code chain_seq} of the first row that does not match, or empty if intact. */
    public Mono<Long> verify() {
        return db.sql("""
                        select chain_seq, prev_hash, hash, id, occurred_at, actor, actor_role, patient_id, resource,
                               action, outcome, request_id, client_ip
                          from audit_log where chain_seq is not null order by chain_seq""")
                .map(row -> new Stored(row.get("chain_seq", Long.class), row.get("prev_hash", String.class),
                        row.get("hash", String.class),
                        new Row(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class),
                                row.get("actor", String.class), row.get("actor_role", String.class),
                                row.get("patient_id", Long.class), row.get("resource", String.class),
                                row.get("action", String.class), row.get("outcome", String.class),
                                row.get("request_id", String.class), row.get("client_ip", String.class))))
                .all()
                .scan(new Check(new Link(0L, GENESIS), null), (check, stored) -> {
                    if (check.broken() != null) {
                        return check;
                    }
                    boolean intact = stored.seq() == check.last().seq() + 1
                            && stored.prevHash().equals(check.last().hash())
                            && stored.hash().equals(hash(check.last().hash(), stored.row()));
                    return intact ? new Check(new Link(stored.seq(), stored.hash()), null)
                            : new Check(check.last(), stored.seq());
                })
                .filter(check -> check.broken() != null)
                .next()
                .map(Check::broken);
    }

    static String hash(String previousHash, Row row) {
        String canonical = String.join("\u001f", previousHash, String.valueOf(row.id()),
                row.occurredAt().toInstant().toString(), row.actor(), row.actorRole(), Objects.toString(row.patientId(), ""),
                row.resource(), row.action(), row.outcome(), Objects.toString(row.requestId(), ""),
                Objects.toString(row.clientIp(), ""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Link(long seq, String hash) {
    }

    record Row(long id, OffsetDateTime occurredAt, String actor, String actorRole, Long patientId, String resource,
            String action, String outcome, String requestId, String clientIp) {
    }

    private record Stored(long seq, String prevHash, String hash, Row row) {
    }

    private record Check(Link last, Long broken) {
    }

}
