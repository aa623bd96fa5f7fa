package com.telemed.auth.patientlink.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.auth.patientlink.PatientLinks;
import com.telemed.auth.patientlink.PatientLinks.Consultation;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.Topics;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/**
 * A confirmed consultation gets its patient login link (once per consultation). A booking pending payment gets
 * none: anyone can book with any address, so a link before payment would let strangers fill inboxes. A completed
 * consultation gets its visit-summary link (once per consultation).
 */
@Component
class ConsultationEventsListener {

    static final String CONSUMER = "auth-service";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    ConsultationEventsListener(InboxProcessor inbox, PatientLinks links) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(ConsultationConfirmed.class, (confirmed, envelope) -> links.issueFor(new Consultation(
                        confirmed.consultationId(), confirmed.patientId(), confirmed.sealedPatientEmail(),
                        confirmed.locale(), confirmed.scheduledAt(), confirmed.durationMinutes())))
                .on(ConsultationCompleted.class, (completed, envelope) -> links.issueForCompleted(completed))
                .build();
    }

    @KafkaListener(topics = Topics.CONSULTATIONS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
