package com.telemed.booking.video.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.telemed.booking.consultations.Lifecycle;
import com.telemed.events.Topics;
import com.telemed.events.VideoNoShow;
import com.telemed.events.VideoSessionEnded;
import com.telemed.events.VideoSessionStarted;
import com.telemed.outbox.EventHandlers;
import com.telemed.outbox.InboxProcessor;

import reactor.core.publisher.Mono;

/**
 * Video facts close the consultation: the session's times, completed when the doctor ends it, no-show when
 * nobody came (each applied once, through the inbox).
 */
@Component
class VideoEventsListener {

    static final String CONSUMER = "booking-service.video";

    private final InboxProcessor inbox;
    private final EventHandlers handlers;

    VideoEventsListener(InboxProcessor inbox, Lifecycle lifecycle) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(VideoSessionStarted.class, (event, envelope) -> lifecycle.videoStarted(event))
                .on(VideoSessionEnded.class, (event, envelope) -> lifecycle.videoEnded(event))
                .on(VideoNoShow.class, (event, envelope) -> lifecycle.videoNoShow(event))
                .build();
    }

    @KafkaListener(topics = Topics.VIDEO, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, String> record) {
        return inbox.process(CONSUMER, record, handlers);
    }
}
