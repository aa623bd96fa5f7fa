package com.telemed.payment.payments.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;
import com.telemed.payment.consultations.ConsultationProjection;
import com.telemed.payment.payments.Refunds;

import reactor.core.publisher.Mono;

/**
 * Booking's consultation facts keep the projection current (through the inbox: each applied once); a cancellation
 * also applies the refund policy to whatever was paid, in the same transaction.
 */
@Component
class ConsultationEventsListener {

    private final InboxProcessor inbox;
    private final EventHandlers handlers;
    private final String consumer;

    ConsultationEventsListener(InboxProcessor inbox, ConsultationProjection projection, Refunds refunds,
            org.springframework.core.env.Environment env) {
        this.inbox = inbox;
        this.consumer = env.getProperty("telemed.payments.consumer-group", "payment-service");
        this.handlers = EventHandlers.builder()
                .on(ConsultationBooked.class, (event, envelope) -> projection.booked(event))
                .on(ConsultationConfirmed.class, (event, envelope) -> projection.confirmed(event))
                .on(ConsultationRescheduled.class, (event, envelope) -> projection.rescheduled(event))
                .on(ConsultationCancelled.class, (event, envelope) -> projection.cancelled(event)
                        .flatMap(refunds::onCancelled))
                .build();
    }

    @KafkaListener(topics = Topics.CONSULTATIONS, groupId = "${telemed.payments.consumer-group:payment-service}")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(consumer, record, handlers);
    }
}
