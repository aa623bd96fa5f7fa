package com.telemed.video.consultations.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;
import com.telemed.video.consultations.ConsultationProjection;

import reactor.core.publisher.Mono;

/** Booking's consultation facts keep video's projection current, each applied once (inbox). */
@Component
class ConsultationEventsListener {

    static final String CONSUMER = "video-service.consultations";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    ConsultationEventsListener(InboxProcessor inbox, ConsultationProjection projection) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(ConsultationConfirmed.class, (event, envelope) -> projection.confirmed(event))
                .on(ConsultationCancelled.class, (event, envelope) -> projection.cancelled(event))
                .on(ConsultationRescheduled.class, (event, envelope) -> projection.rescheduled(event))
                .on(ConsultationCompleted.class, (event, envelope) -> projection.completed(event))
                .build();
    }

    @KafkaListener(topics = Topics.CONSULTATIONS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
