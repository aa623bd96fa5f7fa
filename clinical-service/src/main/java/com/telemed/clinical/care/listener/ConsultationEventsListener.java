package com.telemed.clinical.care.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.clinical.care.CareRelationships;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/** Booking's consultation facts keep the care relationships current, each applied once (inbox). */
@Component
class ConsultationEventsListener {

    static final String CONSUMER = "clinical-service.care";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    ConsultationEventsListener(InboxProcessor inbox, CareRelationships care) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(ConsultationConfirmed.class, (event, envelope) -> care.confirmed(event))
                .on(ConsultationCompleted.class, (event, envelope) -> care.completed(event))
                .on(ConsultationCancelled.class, (event, envelope) -> care.cancelled(event))
                .on(ConsultationRescheduled.class, (event, envelope) -> care.rescheduled(event))
                .build();
    }

    @KafkaListener(topics = Topics.CONSULTATIONS, groupId = "clinical-service.care")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
