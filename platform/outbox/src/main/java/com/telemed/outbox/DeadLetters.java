package com.telemed.outbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import com.telemed.events.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Sends a record a consumer cannot process to {@code <topic>.DLT}, with the reason in headers. */
public class DeadLetters {

    public static final String HEADER_REASON = "telemed-dlt-reason";
    public static final String HEADER_CONSUMER = "telemed-dlt-consumer";
    public static final String HEADER_ORIGINAL_TOPIC = "telemed-dlt-original-topic";
    public static final String HEADER_ORIGINAL_OFFSET = "telemed-dlt-original-offset";

    private final KafkaTemplate<String, String> kafka;
    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    public Mono<Void> send(String consumer, ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.deadLetterOf(record.topic()), record.key(),
                record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add(HEADER_REASON, utf8(reason));
        dead.headers().add(HEADER_CONSUMER, utf8(consumer));
        dead.headers().add(HEADER_ORIGINAL_TOPIC, utf8(record.topic()));
        dead.headers().add(HEADER_ORIGINAL_OFFSET, utf8(record.partition() + ":" + record.offset()));
        return Mono.fromFuture(() -> kafka.send(dead))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(r -> meters.counter("telemed.inbox.dead_lettered", "consumer", consumer,
                        "topic", record.topic()).increment())
                .then();
    }

    private static byte[] utf8(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
