package com.telemed.outbox;

import java.time.Clock;

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
