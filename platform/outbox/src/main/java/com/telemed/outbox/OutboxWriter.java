package com.telemed.outbox;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.EventType;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

/**
 * Appends an event to the service's {@code outbox} table. Call it inside the business transaction: the
 * event then exists if and only if the state change was committed. Only the relay talks to Kafka.
 */
public class OutboxWriter {

    private final DatabaseClient db;
    private final String source;
    private final Clock clock;
    private final OutboxSignal signal;

    public OutboxWriter(DatabaseClient db, String source, Clock clock, OutboxSignal signal) {
        this.db = db;
        this.source = source;
        this.clock = clock;
        this.signal = signal;
    }

    /**
     * @param aggregateId the Kafka key: events of one aggregate keep their order
     * @return the envelope written
     */
    public Mono<EventEnvelope> write(EventData data, Object aggregateId) {
        EventType type = EventType.of(data);
        EventEnvelope envelope = EventEnvelope.wrap(data, source, clock.instant());
        return db.sql("""
                        insert into outbox (event_id, topic, aggregate_id, event_type, payload)
                        values (:eventId, :topic, :key, :type, :payload)""")
                .bind("eventId", envelope.eventId())
                .bind("topic", type.topic())
                .bind("key", String.valueOf(aggregateId))
                .bind("type", type.typeName())
                .bind("payload", Json.of(EventJson.write(envelope)))
                .fetch().rowsUpdated()
                .then(wakeRelayAfterCommit())
                .thenReturn(envelope);
    }

    /** One event to write with {@link #writeAll}: its data and the aggregate id that keys it. */
    public record Pending(EventData data, Object aggregateId) {
    }

    /**
     * Appends many events in one statement (in the given order), for work done in batches; same transaction rules
     * as {@link #write}. Emits how many were written.
     */
    public Mono<Integer> writeAll(List<Pending> events) {
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Pending pending = events.get(i);
            EventType type = EventType.of(pending.data());
            EventEnvelope envelope = EventEnvelope.wrap(pending.data(), source, clock.instant());
            ids[i] = envelope.eventId();
            topics[i] = type.topic();
            keys[i] = String.valueOf(pending.aggregateId());
            types[i] = type.typeName();
            payloads[i] = EventJson.write(envelope);
        }
        return db.sql("""
                        insert into outbox (event_id, topic, aggregate_id, event_type, payload)
                        select e.event_id, e.topic, e.aggregate_id, e.event_type, e.payload::jsonb
                          from unnest(:ids::uuid[], :topics::text[], :keys::text[], :types::text[], :payloads::text[])
                               with ordinality as e(event_id, topic, aggregate_id, event_type, payload, position)
                         order by e.position""")
                .bind("ids", ids).bind("topics", topics).bind("keys", keys).bind("types", types)
                .bind("payloads", payloads)
                .fetch().rowsUpdated()
                .flatMap(written -> wakeRelayAfterCommit().thenReturn(written.intValue()));
    }

    private Mono<Void> wakeRelayAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(signal::wake);
                    }
                }))
                .switchIfEmpty(Mono.fromRunnable(signal::wake))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(signal::wake))
                .then();
    }
}
