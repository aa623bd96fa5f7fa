package com.telemed.booking.doctors.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.booking.doctors.Directory;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/** Keeps the doctors directory in step with staff registrations and changes from auth-service. */
@Component
class StaffEventsListener {

    static final String CONSUMER = "booking-service.directory";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    StaffEventsListener(InboxProcessor inbox, Directory directory) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(MedicalProfessionalRegistered.class, (event, envelope) -> directory.registered(event))
                .on(MedicalProfessionalUpdated.class, (event, envelope) -> directory.updated(event))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = "booking-service.directory")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
