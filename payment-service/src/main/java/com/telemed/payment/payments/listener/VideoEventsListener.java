package com.telemed.payment.payments.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.events.Topics;
import com.telemed.events.VideoNoShow;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;
import com.telemed.payment.payments.Refunds;

import reactor.core.publisher.Mono;

/** A no-show decides what is refunded (ADR 11), applied once through the inbox. */
@Component
class VideoEventsListener {

    private final InboxProcessor inbox;
    private final EventHandlers handlers;
    private final String consumer;

    VideoEventsListener(InboxProcessor inbox, Refunds refunds, org.springframework.core.env.Environment env) {
        this.inbox = inbox;
        this.consumer = env.getProperty("telemed.payments.consumer-group", "payment-service") + ".video";
        this.handlers = EventHandlers.builder()
                .on(VideoNoShow.class, (event, envelope) -> refunds.onNoShow(event.consultationId(), event.absent()))
                .build();
    }

    @KafkaListener(topics = Topics.VIDEO, groupId = "${telemed.payments.consumer-group:payment-service}.video")
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(consumer, record, handlers);
    }
}
