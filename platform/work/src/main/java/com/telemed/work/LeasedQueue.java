package com.telemed.work;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * A durable work queue kept in a table of the service's own schema: rows wait in one of the {@code waiting}
 * statuses until {@code next_attempt_at}; a worker claims a batch ({@code FOR UPDATE SKIP LOCKED}, so replicas
 * share the work), which counts an attempt and leases the rows by pushing {@code next_attempt_at} past the lease.
 * The claim is one statement that commits at once: no transaction stays open while the worker calls out, and a
 * worker that dies simply lets its lease run out. The worker then records each outcome: done (its own statement),
 * {@link #retryLater}, {@link #release} (not attempted: the attempt is given back), or {@link #fail}.
 * <p>
 * The table needs {@code id bigint}, {@code status text}, {@code attempts integer}, {@code next_attempt_at
 * timestamptz} and {@code last_error text}.
 */
public final class LeasedQueue {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int MAX_ERROR = 1000;

    private final DatabaseClient db;
    private final String table;
    private final String waiting;
    private final String retryStatus;
    private final String failedStatus;

    /**
     * @param table        the queue's table
     * @param waiting      statuses of rows waiting for a worker (the first is the status of a new row)
     * @param retryStatus  the status of a row waiting for its next attempt (one of {@code waiting})
     * @param failedStatus the status of a row given up on
     */
    public LeasedQueue(DatabaseClient db, String table, List<String> waiting, String retryStatus,
            String failedStatus) {
        if (waiting.isEmpty() || !waiting.contains(retryStatus)) {
            throw new IllegalArgumentException("The retry status must be one of the waiting statuses");
        }
        this.db = db;
        this.table = checked(table);
        this.waiting = waiting.stream().map(LeasedQueue::checked).map(s -> "'" + s + "'")
                .collect(Collectors.joining(", "));
        this.retryStatus = checked(retryStatus);
        this.failedStatus = checked(failedStatus);
    }

    /**
     * Claims up to {@code limit} due rows, oldest due first, each leased for {@code lease} and counted as an
     * attempt; {@code returning} names the columns the mapper reads (qualified with {@code q.}).
     */
    public <T> Mono<List<T>> claimDue(int limit, Duration lease, String returning, Function<Readable, T> mapper) {
        return db.sql("update " + table + " q set attempts = q.attempts + 1,"
                        + " next_attempt_at = now() + make_interval(secs => :lease)"
                        + " where q.id in (select id from " + table
                        + " where status in (" + waiting + ") and next_attempt_at <= now()"
                        + " order by next_attempt_at, id limit :limit for update skip locked)"
                        + " returning " + returning)
                .bind("lease", seconds(lease))
                .bind("limit", limit)
                .map(row -> mapper.apply(row))
                .all()
                .collectList();
    }

    /** The attempt failed for a reason that may pass: try again after {@code delay}. */
    public Mono<Void> retryLater(long id, Duration delay, String error) {
        return db.sql("update " + table + " set status = '" + retryStatus + "', last_error = :error,"
                        + " next_attempt_at = now() + make_interval(secs => :delay)"
                        + " where id = :id and status in (" + waiting + ")")
                .bind("id", id).bind("error", clip(error)).bind("delay", seconds(delay))
                .fetch().rowsUpdated().then();
    }

    /** Gives a claimed row back without counting the attempt (e.g. a circuit breaker refused the call). */
    public Mono<Void> release(long id, Duration delay) {
        return db.sql("update " + table + " set attempts = greatest(attempts - 1, 0),"
                        + " next_attempt_at = now() + make_interval(secs => :delay)"
                        + " where id = :id and status in (" + waiting + ")")
                .bind("id", id).bind("delay", seconds(delay))
                .fetch().rowsUpdated().then();
    }

    /** Gives up on a row for good, keeping the reason. */
    public Mono<Void> fail(long id, String error) {
        return db.sql("update " + table + " set status = '" + failedStatus + "', last_error = :error"
                        + " where id = :id and status in (" + waiting + ")")
                .bind("id", id).bind("error", clip(error))
                .fetch().rowsUpdated().then();
    }

    /** Errors are stored for people to read, never whole: a provider's answer can be long. */
    public static String clip(String error) {
        String text = error == null ? "" : error;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL name: " + name);
        }
        return name;
    }
}
