package com.telemed.booking.consultations.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.booking.consultations.Lifecycle;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/** Payment facts drive the consultation state machine (through the inbox: each event applied once). */
@Component
class PaymentEventsListener {

    static final String CONSUMER = "booking-service.payments";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    PaymentEventsListener(InboxProcessor inbox, Lifecycle lifecycle) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(PaymentConfirmed.class, (event, envelope) -> lifecycle.paymentConfirmed(event))
                .on(PaymentFailed.class, (event, envelope) -> lifecycle.paymentFailed(event))
                .on(PaymentRefunded.class, (event, envelope) -> lifecycle.paymentRefunded(event))
                .build();
    }

    @KafkaListener(topics = Topics.PAYMENTS, groupId = "booking-service.payments")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
