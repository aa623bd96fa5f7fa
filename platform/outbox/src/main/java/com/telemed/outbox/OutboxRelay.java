package com.telemed.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import com.telemed.work.BackgroundRounds;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes committed outbox rows to Kafka and marks them sent, in three steps so that no transaction is open
 * while Kafka is waited for: (1) a short transaction claims a batch — under a transaction-scoped advisory lock,
 * so claims never interleave across replicas — leasing the rows ({@code claimed_until}); (2) the batch is sent,
 * in order, outside any transaction; (3) what Kafka acknowledged is marked sent, what failed is postponed with
 * exponential backoff. A row is claimable only when no earlier unsent event of its aggregate is leased or waiting
 * for a retry, so the events of one aggregate leave in the order they were written, whichever replica sends them.
 * <p>
 * A relay that dies after Kafka acknowledged and before the mark commits publishes that event again once its
 * lease runs out: delivery is at least once, and consumers deduplicate through the inbox.
 */
public class OutboxRelay extends BackgroundRounds {

    public static final String HEADER_TYPE = "type";
    public static final String HEADER_EVENT_ID = "event_id";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final OutboxSignal signal;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
            OutboxProperties properties, OutboxSignal signal, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.signal = signal;
        this.published = Counter.builder("telemed.outbox.published").description("Events published by the relay")
                .register(meters);
        this.failures = Counter.builder("telemed.outbox.relay.failures")
                .description("Failed attempts to publish an outbox event").register(meters);
        Gauge.builder("telemed.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet published").register(meters);
        Gauge.builder("telemed.outbox.lag.seconds", lagSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event").register(meters);
    }

    /** One round: claims a batch, publishes it, marks what Kafka acknowledged. Emits how many were published. */
    public Mono<Integer> relayOnce() {
        return claim().flatMap(this::publish);
    }

    /** Leases a batch in one short transaction; empty when another replica is claiming at this moment. */
    private Mono<List<PendingEvent>> claim() {
        Mono<List<PendingEvent>> claimed = db.sql(
                        "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) as locked")
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> db.sql("""
                                update outbox o set claimed_until = now() + make_interval(secs => :lease)
                                 where o.id in (
                                       select c.id from outbox c
                                        where c.sent_at is null
                                          and c.next_attempt_at <= now()
                                          and (c.claimed_until is null or c.claimed_until < now())
                                          and not exists (select 1 from outbox e
                                                           where e.sent_at is null and e.topic = c.topic
                                                             and e.aggregate_id = c.aggregate_id and e.id < c.id
                                                             and (e.next_attempt_at > now()
                                                                  or e.claimed_until >= now()))
                                        order by c.id
                                        limit :limit
                                          for update skip locked)
                                returning o.id, o.topic, o.aggregate_id, o.event_type, o.event_id::text as event_id,
                                          o.payload::text as payload, o.attempts""")
                        .bind("lease", properties.claimLease().toMillis() / 1000.0)
                        .bind("limit", properties.batchSize())
                        .map(row -> new PendingEvent(row.get("id", Long.class), row.get("topic", String.class),
                                row.get("aggregate_id", String.class), row.get("event_type", String.class),
                                row.get("event_id", String.class), row.get("payload", String.class),
                                row.get("attempts", Integer.class)))
                        .all()
                        .collectList());
        return tx.transactional(claimed)
                .map(batch -> batch.stream().sorted(Comparator.comparingLong(PendingEvent::id)).toList())
                .defaultIfEmpty(List.of());
    }

    private Mono<Integer> publish(List<PendingEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        // Handing records to the producer may wait for metadata: keep that off the event loop. Sending them in
        // order from one thread keeps their order within each partition.
        return Mono.fromCallable(() -> batch.stream().map(this::send).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(futures -> Flux.range(0, batch.size())
                        .concatMap(i -> Mono.fromFuture(futures.get(i))
                                .thenReturn(Outcome.sent(batch.get(i)))
                                .onErrorResume(e -> Mono.just(Outcome.failed(batch.get(i), e)))))
                .collectList()
                // All sent (the usual case): one statement, atomic on its own; a transaction around it would
                // only add two round trips to every round.
                .flatMap(outcomes -> outcomes.stream().allMatch(Outcome::ok) ? record(outcomes)
                        : tx.transactional(record(outcomes)));
    }

    private CompletableFuture<SendResult<String, String>> send(PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.aggregateId(), event.payload());
        record.headers().add(HEADER_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add(HEADER_EVENT_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Mono<Integer> record(List<Outcome> outcomes) {
        Long[] sentIds = outcomes.stream().filter(Outcome::ok).map(o -> o.event().id()).toArray(Long[]::new);
        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        published.increment(sentIds.length);
        failures.increment(failed.size());
        Mono<Void> markSent = sentIds.length == 0 ? Mono.empty() : markSent(sentIds);
        return markSent
                .thenMany(Flux.fromIterable(failed).concatMap(this::postpone))
                .then(Mono.just(sentIds.length));
    }

    /** Overridable so that tests can make the relay die between publishing and marking. */
    protected Mono<Void> markSent(Long[] ids) {
        return db.sql("update outbox set sent_at = now(), claimed_until = null where id = any(:ids)")
                .bind("ids", ids)
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> postpone(Outcome failed) {
        int attempts = failed.event().attempts() + 1;
        Duration delay = properties.backoff().after(attempts);
        log.warn("Publishing outbox event {} ({}) failed, attempt {}, next in {}: {}", failed.event().eventId(),
                failed.event().type(), attempts, delay, failed.error());
        return db.sql("""
                        update outbox set attempts = :attempts, last_error = :error, claimed_until = null,
                               next_attempt_at = now() + make_interval(secs => :delay)
                         where id = :id""")
                .bind("attempts", attempts)
                .bind("error", failed.error())
                .bind("delay", delay.toMillis() / 1000.0)
                .bind("id", failed.event().id())
                .fetch().rowsUpdated().then();
    }

    /**
     * Deletes sent outbox rows and processed inbox rows older than the retention period: their payloads (ids and
     * sealed fields only) need not outlive the broker's own retention. Emits how many rows went.
     */
    public Mono<Long> purge() {
        double seconds = properties.retention().toMillis() / 1000.0;
        return db.sql("delete from outbox where sent_at < now() - make_interval(secs => :age)")
                .bind("age", seconds).fetch().rowsUpdated()
                .zipWith(db.sql("delete from inbox where processed_at < now() - make_interval(secs => :age)")
                        .bind("age", seconds).fetch().rowsUpdated(), Long::sum);
    }

    /** Refreshes the pending-count and lag gauges. */
    public Mono<Void> refreshGauges() {
        return db.sql("""
                        select count(*) as pending,
                               coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as lag
                          from outbox where sent_at is null""")
                .map(row -> {
                    pending.set(row.get("pending", Long.class));
                    lagSeconds.set(row.get("lag", Long.class));
                    return true;
                })
                .one().then();
    }

    @Override
    protected Disposable startRounds() {
        if (!properties.relayEnabled()) {
            return null;
        }
        Flux<Boolean> ticks = Flux.merge(Flux.interval(Duration.ZERO, properties.pollInterval()).map(t -> true),
                signal.wakeUps());
        Disposable relaying = batches("Outbox relay", ticks, properties.roundTimeout(), properties.batchSize(),
                this::relayOnce);
        Disposable gauges = rounds("Outbox gauges", Flux.interval(Duration.ofSeconds(5)), this::refreshGauges);
        Disposable purging = rounds("Outbox purge", Flux.interval(Duration.ofMinutes(1), Duration.ofMinutes(10)),
                this::purge);
        return Disposables.composite(relaying, gauges, purging);
    }

    record PendingEvent(long id, String topic, String aggregateId, String type, String eventId, String payload,
            int attempts) {
    }

    private record Outcome(PendingEvent event, boolean ok, String error) {
        static Outcome sent(PendingEvent event) {
            return new Outcome(event, true, null);
        }

        static Outcome failed(PendingEvent event, Throwable error) {
            String message = String.valueOf(error.getMessage());
            return new Outcome(event, false, message.length() > 500 ? message.substring(0, 500) : message);
        }
    }
}
