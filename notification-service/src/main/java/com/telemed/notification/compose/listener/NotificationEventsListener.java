package com.telemed.notification.compose.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.events.ClinicalRecordSigned;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.events.PasswordResetRequested;
import com.telemed.events.PatientLoginLinkIssued;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.events.SignInThrottled;
import com.telemed.events.VideoPatientLate;
import com.telemed.events.Topics;
import com.telemed.notification.compose.Notifications;
import com.telemed.notification.delivery.DeliverySignal;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/**
 * Reads the event catalog through the inbox (each event applied once; types without a handler skipped; bad
 * payloads to the dead-letter topic) and wakes the delivery worker once new messages are committed.
 */
@Component
class NotificationEventsListener {

    static final String CONSUMER = "notification-service";

    private final InboxProcessor inbox;
    private final DeliverySignal delivery;
    private final EventHandlers handlers;
    // The container hands over the records of a poll without waiting for each Mono: keep one key's events in order.
    private final KeyedSequencer inOrder;

    NotificationEventsListener(InboxProcessor inbox, Notifications notifications, DeliverySignal delivery,
            @Value("${telemed.notification.consumer-parallelism:4}") int parallelism) {
        this.inbox = inbox;
        this.inOrder = new KeyedSequencer(parallelism);
        this.delivery = delivery;
        this.handlers = EventHandlers.builder()
                .on(MedicalProfessionalRegistered.class, notifications::doctorRegistered)
                .on(MedicalProfessionalUpdated.class, notifications::doctorUpdated)
                .on(PasswordResetRequested.class, notifications::passwordResetRequested)
                .on(PatientLoginLinkIssued.class, notifications::patientLoginLinkIssued)
                .on(SignInThrottled.class, notifications::signInThrottled)
                .on(ConsultationBooked.class, notifications::consultationBooked)
                .on(ConsultationConfirmed.class, notifications::consultationConfirmed)
                .on(ConsultationCancelled.class, notifications::consultationCancelled)
                .on(ConsultationRescheduled.class, notifications::consultationRescheduled)
                .on(PaymentFailed.class, notifications::paymentFailed)
                .on(PaymentRefunded.class, notifications::paymentRefunded)
                .on(VideoPatientLate.class, notifications::patientLate)
                .on(ClinicalRecordSigned.class, notifications::clinicalRecordSigned)
                .build();
    }

    @KafkaListener(topics = { Topics.USERS, Topics.CONSULTATIONS, Topics.PAYMENTS, Topics.VIDEO, Topics.CLINICAL,
            Topics.DOCUMENTS },
            groupId = "${telemed.notification.consumer-group:" + CONSUMER + "}")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inOrder.after(record.topic() + "/" + record.key(),
                () -> inbox.process(CONSUMER, record, handlers).doOnSuccess(done -> delivery.wakeUp()));
    }
}
