package com.telemed.outbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.events.PaymentConfirmed;
import com.telemed.events.Topics;

import reactor.core.publisher.Mono;

/** A consumer written the way services write theirs: a listener returning the inbox processor's Mono. */
@Component
class PaymentsTestListener {

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    PaymentsTestListener(InboxProcessor inbox, DatabaseClient db) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(PaymentConfirmed.class, (paid, envelope) -> db.sql(
                                "insert into listener_effects (event_id) values (:id)")
                        .bind("id", envelope.eventId()).fetch().rowsUpdated().then())
                .build();
    }

    @KafkaListener(topics = Topics.PAYMENTS, groupId = "outbox-test-listener")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process("outbox-test-listener", record, handlers);
    }
}
