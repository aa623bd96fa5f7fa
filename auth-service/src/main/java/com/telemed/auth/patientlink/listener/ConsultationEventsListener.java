package com.telemed.auth.patientlink.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.auth.patientlink.PatientLinks;
import com.telemed.auth.patientlink.PatientLinks.Consultation;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/** A booked or confirmed consultation gets its patient login link (once per consultation). */
@Component
class ConsultationEventsListener {

    static final String CONSUMER = "auth-service";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    ConsultationEventsListener(InboxProcessor inbox, PatientLinks links) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(ConsultationBooked.class, (booked, envelope) -> links.issueFor(new Consultation(
                        booked.consultationId(), booked.patientId(), booked.patientEmail(), booked.locale(),
                        booked.scheduledAt(), booked.durationMinutes())))
                .on(ConsultationConfirmed.class, (confirmed, envelope) -> links.issueFor(new Consultation(
                        confirmed.consultationId(), confirmed.patientId(), confirmed.patientEmail(),
                        confirmed.locale(), confirmed.scheduledAt(), confirmed.durationMinutes())))
                .build();
    }

    @KafkaListener(topics = Topics.CONSULTATIONS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
