package com.telemed.outbox;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.InvalidEventException;
import com.telemed.work.RunToEnd;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies an event's effect at most once per consumer: the {@code inbox} row and the effect commit in one
 * transaction, so a redelivered event finds its row and is skipped, and an effect that failed half-way left
 * nothing behind and runs again. After the configured retries, or at once for an event that can never fit its
 * contract, the record goes to {@code <topic>.DLT} with the reason, and the consumer moves on.
 */
public class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final DeadLetters deadLetters;
    private final OutboxProperties properties;
    private final MeterRegistry meters;

    public InboxProcessor(DatabaseClient db, TransactionalOperator tx, DeadLetters deadLetters,
            OutboxProperties properties, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.meters = meters;
        EventJson.warmUp();
    }

    /**
     * Processes one record for {@code consumer}; completes once it is applied, skipped or dead-lettered. The work
     * runs to its end even if the listener container stops waiting (partitions revoked, shutdown): the inbox makes
     * the redelivery that follows harmless, and no statement is cut off mid-flight.
     */
    public Mono<Void> process(String consumer, ConsumerRecord<String, String> record, EventHandlers handlers) {
        return RunToEnd.of(Mono.defer(() -> processNow(consumer, record, handlers)));
    }

    private Mono<Void> processNow(String consumer, ConsumerRecord<String, String> record, EventHandlers handlers) {
        EventEnvelope envelope;
        try {
            envelope = EventJson.read(record.value());
        } catch (InvalidEventException e) {
            return deadLetters.send(consumer, record, e.getMessage());
        }
        if (!handlers.handles(envelope.type())) {
            counter("telemed.inbox.skipped", consumer).increment();
            return Mono.empty();
        }
        return applyOnce(consumer, envelope, handlers)
                .retryWhen(Retry.backoff(properties.consumerRetries(), properties.initialBackoff())
                        .maxBackoff(properties.maxBackoff())
                        .filter(e -> !(e instanceof InvalidEventException))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(e -> {
                    log.warn("Consumer {} gives up on event {} ({}): {}", consumer, envelope.eventId(),
                            envelope.type(), e.toString());
                    return deadLetters.send(consumer, record, reasonOf(e));
                });
    }

    private Mono<Void> applyOnce(String consumer, EventEnvelope envelope, EventHandlers handlers) {
        Mono<Void> work = db.sql("""
                        insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :type)
                        on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", envelope.eventId())
                .bind("type", envelope.type())
                .fetch().rowsUpdated()
                .flatMap(inserted -> {
                    if (inserted == 0) {
                        counter("telemed.inbox.duplicates", consumer).increment();
                        return Mono.empty();
                    }
                    return handlers.effectOf(envelope).orElseGet(Mono::empty)
                            .doOnSuccess(v -> counter("telemed.inbox.processed", consumer).increment());
                });
        return tx.transactional(work);
    }

    private Counter counter(String name, String consumer) {
        return meters.counter(name, "consumer", consumer);
    }

    private static String reasonOf(Throwable e) {
        String reason = e.getClass().getSimpleName() + ": " + Optional.ofNullable(e.getMessage()).orElse("");
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
