package com.telemed.outbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

/**
 * A failed send is logged with its topic and key but without the record's contents: event payloads stay out of the
 * logs even though their personal fields are sealed (Spring Kafka's default listener prints the whole payload).
 * Registered before Kafka's auto-configuration, whose own listener steps aside for this one.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class ProducerLoggingAutoConfiguration {

    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
