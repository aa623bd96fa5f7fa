package com.telemed.outbox;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.Topics;
import com.telemed.work.CancelSafeTransactions;

import io.micrometer.core.instrument.MeterRegistry;

/** Outbox writer and relay, inbox processor and the platform's topics, for every service. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(DatabaseClient db, Environment env, Clock clock, OutboxSignal signal) {
        return new OutboxWriter(db, env.getProperty("spring.application.name", "telemed"), clock, signal);
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        // Transactions end at a statement boundary even when their subscriber goes away (ADR 8).
        return new CancelSafeTransactions(TransactionalOperator.create(transactionManager));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
            OutboxProperties properties, OutboxSignal signal, MeterRegistry meters) {
        return new OutboxRelay(db, tx, kafka, properties, signal, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        return new DeadLetters(kafka, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    InboxProcessor inboxProcessor(DatabaseClient db, TransactionalOperator tx, DeadLetters deadLetters,
            OutboxProperties properties, MeterRegistry meters) {
        return new InboxProcessor(db, tx, deadLetters, properties, meters);
    }

    /** Declares every platform topic and its dead-letter topic (creating only those that are missing). */
    @Bean
    KafkaAdmin.NewTopics telemedTopics(OutboxProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .flatMap(t -> java.util.stream.Stream.of(t, Topics.deadLetterOf(t)))
                .map(t -> TopicBuilder.name(t).partitions(properties.partitions()).replicas(properties.replicas())
                        .build())
                .toArray(NewTopic[]::new));
    }
}
