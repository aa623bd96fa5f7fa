package com.telemed.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.Topics;
import com.telemed.testkit.InfrastructureInitializer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The outbox and inbox against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class OutboxInboxIT {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired
    OutboxWriter writer;
    @Autowired
    OutboxRelay relay;
    @Autowired
    InboxProcessor inbox;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    OutboxProperties properties;
    @Autowired
    OutboxSignal signal;
    @Autowired
    MeterRegistry meters;

    @Test
    void anEventWrittenInARolledBackTransactionIsNeverPublished() {
        UUID[] written = new UUID[1];
        Mono<Void> failingBusinessTransaction = tx.transactional(writer.write(payment(), "rolled-back")
                .doOnNext(e -> written[0] = e.eventId())
                .then(Mono.error(new IllegalStateException("business rule broken"))));

        StepVerifier.create(failingBusinessTransaction).verifyError(IllegalStateException.class);
        drainOutbox();

        assertThat(countOutbox(written[0])).isZero();
        assertThat(KafkaProbe.read(Topics.PAYMENTS, KafkaProbe.withEventId(written[0]), 1, Duration.ofSeconds(3)))
                .isEmpty();
    }

    @Test
    void aCommittedEventIsPublishedWithItsKeyAndTypeAndMarkedSent() {
        PaymentConfirmed paid = payment();
        EventEnvelope envelope = tx.transactional(writer.write(paid, paid.consultationId())).block();

        drainOutbox();

        List<ConsumerRecord<String, String>> records = KafkaProbe.read(Topics.PAYMENTS,
                KafkaProbe.withEventId(envelope.eventId()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(String.valueOf(paid.consultationId()));
        assertThat(new String(record.headers().lastHeader(OutboxRelay.HEADER_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("payment.confirmed");
        assertThat(EventJson.read(record.value()).dataAs(PaymentConfirmed.class)).isEqualTo(paid);
        assertThat(sentAt(envelope.eventId())).isNotNull();
    }

    @Test
    void eventsWrittenTogetherArePublishedInTheirOrderWithTheirKeys() {
        String key = "batch-" + IDS.incrementAndGet();
        List<PaymentConfirmed> events = List.of(payment(), payment(), payment());
        Integer written = tx.transactional(writer.writeAll(events.stream()
                .map(e -> new OutboxWriter.Pending(e, key)).toList())).block();
        assertThat(written).isEqualTo(3);

        drainOutbox();

        List<ConsumerRecord<String, String>> records = KafkaProbe.read(Topics.PAYMENTS, r -> key.equals(r.key()), 3,
                Duration.ofSeconds(20));
        assertThat(records).extracting(r -> EventJson.read(r.value()).dataAs(PaymentConfirmed.class))
                .containsExactlyElementsOf(events);
    }

    @Test
    void aRelayThatDiesAfterSendingRepublishesAndTheInboxSwallowsTheDuplicate() throws InterruptedException {
        EventEnvelope envelope = tx.transactional(writer.write(payment(), "dup")).block();
        OutboxRelay dying = new OutboxRelay(db, tx, kafka, properties, signal, new SimpleMeterRegistry()) {
            @Override
            protected Mono<Void> markSent(Long[] ids) {
                return Mono.error(new IllegalStateException("process killed before marking"));
            }
        };

        StepVerifier.create(dying.relayOnce()).verifyError(IllegalStateException.class);
        assertThat(sentAt(envelope.eventId())).isNull();
        // Its claim holds until the lease runs out (1 s in these tests); then the next relay takes the event over.
        drainOutbox();
        assertThat(sentAt(envelope.eventId())).as("still leased by the dead relay").isNull();
        Thread.sleep(properties.claimLease().toMillis() + 200);
        drainOutbox();
        assertThat(sentAt(envelope.eventId())).isNotNull();

        List<ConsumerRecord<String, String>> deliveries = KafkaProbe.read(Topics.PAYMENTS,
                KafkaProbe.withEventId(envelope.eventId()), 2, Duration.ofSeconds(20));
        assertThat(deliveries).as("published twice: once by the dying relay, once after").hasSize(2);
        EventHandlers handlers = recordEffect();
        deliveries.forEach(record -> inbox.process("duplicate-test", record, handlers).block());

        assertThat(countEffects(envelope.eventId())).isEqualTo(1);
    }

    @Test
    void aConsumerThatFailsHalfWayReprocessesAndAppliesItsEffectExactlyOnce() {
        EventEnvelope envelope = tx.transactional(writer.write(payment(), "midway")).block();
        drainOutbox();
        ConsumerRecord<String, String> record = KafkaProbe.read(Topics.PAYMENTS,
                KafkaProbe.withEventId(envelope.eventId()), 1, Duration.ofSeconds(20)).get(0);
        AtomicInteger attempts = new AtomicInteger();
        EventHandlers failsOnce = EventHandlers.builder()
                .on(PaymentConfirmed.class, (data, env) -> insertEffect(env.eventId())
                        .then(Mono.defer(() -> attempts.incrementAndGet() == 1
                                ? Mono.error(new IllegalStateException("crashed after writing"))
                                : Mono.empty())))
                .build();

        inbox.process("midway-test", record, failsOnce).block();

        assertThat(attempts.get()).isEqualTo(2);
        assertThat(countEffects(envelope.eventId())).isEqualTo(1);
        assertThat(countInbox("midway-test", envelope.eventId())).isEqualTo(1);
    }

    @Test
    void anEffectThatKeepsFailingGoesToTheDeadLetterTopicWithItsReasonAndLeavesNothing() {
        EventEnvelope envelope = tx.transactional(writer.write(payment(), "dlt")).block();
        drainOutbox();
        ConsumerRecord<String, String> record = KafkaProbe.read(Topics.PAYMENTS,
                KafkaProbe.withEventId(envelope.eventId()), 1, Duration.ofSeconds(20)).get(0);
        EventHandlers alwaysFails = EventHandlers.builder()
                .on(PaymentConfirmed.class, (data, env) -> insertEffect(env.eventId())
                        .then(Mono.error(new IllegalStateException("downstream refuses"))))
                .build();

        inbox.process("dlt-test", record, alwaysFails).block();

        assertThat(countEffects(envelope.eventId())).isZero();
        assertThat(countInbox("dlt-test", envelope.eventId())).isZero();
        List<ConsumerRecord<String, String>> dead = KafkaProbe.read(Topics.deadLetterOf(Topics.PAYMENTS),
                KafkaProbe.withEventId(envelope.eventId()), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.HEADER_REASON)).contains("downstream refuses");
        assertThat(header(dead.get(0), DeadLetters.HEADER_CONSUMER)).isEqualTo("dlt-test");
        assertThat(meters.counter("telemed.inbox.dead_lettered", "consumer", "dlt-test", "topic", Topics.PAYMENTS)
                .count()).isEqualTo(1.0);
    }

    @Test
    void anUnparseableOrIncompleteEventIsDeadLetteredAtOnceAndUnknownTypesAreSkipped() {
        String garbage = "{broken json " + UUID.randomUUID();
        String incomplete = """
                {"event_id":"%s","type":"payment.confirmed","version":1,"occurred_at":"2026-01-01T00:00:00Z",
                 "source":"somewhere","data":{"payment_id":1}}""".formatted(UUID.randomUUID());
        String unknown = """
                {"event_id":"%s","type":"payment.teleported","version":1,"occurred_at":"2026-01-01T00:00:00Z",
                 "source":"somewhere","data":{}}""".formatted(UUID.randomUUID());
        AtomicInteger calls = new AtomicInteger();
        EventHandlers handlers = EventHandlers.builder()
                .on(PaymentConfirmed.class, (data, env) -> Mono.fromRunnable(calls::incrementAndGet))
                .build();

        for (String value : List.of(garbage, incomplete, unknown)) {
            inbox.process("bad-input-test", new ConsumerRecord<>(Topics.PAYMENTS, 0, 0L, "k", value), handlers).block();
        }

        assertThat(calls.get()).isZero();
        List<ConsumerRecord<String, String>> dead = KafkaProbe.read(Topics.deadLetterOf(Topics.PAYMENTS),
                r -> r.value().equals(garbage) || r.value().equals(incomplete), 2, Duration.ofSeconds(20));
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetters.HEADER_REASON)).isNotBlank());
        assertThat(dead.stream().map(r -> header(r, DeadLetters.HEADER_REASON)))
                .anyMatch(reason -> reason.contains("lacks required field"));
    }

    @Test
    void aFailedPublishBacksOffAndLaterEventsOfTheSameAggregateWaitBehindIt() {
        KafkaTemplate<String, String> unreachable = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
        drainOutbox();
        String key = "ordered-" + UUID.randomUUID();
        EventEnvelope first = tx.transactional(writer.write(payment(), key)).block();
        OutboxRelay brokenBroker = new OutboxRelay(db, tx, unreachable, properties, signal, new SimpleMeterRegistry());

        StepVerifier.create(brokenBroker.relayOnce()).expectNext(0).verifyComplete();
        assertThat(attempts(first.eventId())).isEqualTo(1);
        db.sql("update outbox set next_attempt_at = now() + interval '1 hour' where event_id = :id")
                .bind("id", first.eventId()).fetch().rowsUpdated().block();
        EventEnvelope second = tx.transactional(writer.write(payment(), key)).block();
        EventEnvelope other = tx.transactional(writer.write(payment(), "other-" + UUID.randomUUID())).block();

        drainOutbox();

        assertThat(sentAt(other.eventId())).isNotNull();
        assertThat(sentAt(second.eventId())).as("waits behind the failed event of its aggregate").isNull();
        assertThat(sentAt(first.eventId())).isNull();
        db.sql("update outbox set next_attempt_at = now() where event_id = :id")
                .bind("id", first.eventId()).fetch().rowsUpdated().block();
        drainOutbox();
        assertThat(sentAt(first.eventId())).isNotNull();
        assertThat(sentAt(second.eventId())).isNotNull();
        unreachable.destroy();
    }

    @Test
    void aRunningRelayPublishesACommittedEventWithoutBeingAsked() throws InterruptedException {
        OutboxProperties running = new OutboxProperties(true, Duration.ofHours(1), 50, Duration.ofMillis(50),
                Duration.ofMillis(200), 2, 3, (short) 1, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofDays(7));
        OutboxRelay relayLoop = new OutboxRelay(db, tx, kafka, running, signal, new SimpleMeterRegistry());
        drainOutbox();
        relayLoop.start();
        try {
            assertThat(relayLoop.isRunning()).isTrue();
            // The poll interval is an hour: once the round made at start is over, only the wake-up sent after the
            // commit can publish this event.
            Thread.sleep(1000);
            EventEnvelope envelope = tx.transactional(writer.write(payment(), "woken")).block();

            assertThat(KafkaProbe.read(Topics.PAYMENTS, KafkaProbe.withEventId(envelope.eventId()), 1,
                    Duration.ofSeconds(20))).hasSize(1);
        } finally {
            relayLoop.stop();
        }
        assertThat(relayLoop.isRunning()).isFalse();
    }

    @Test
    void aKafkaListenerThroughTheInboxAppliesEachPublishedEventOnce() throws InterruptedException {
        EventEnvelope envelope = tx.transactional(writer.write(payment(), "listened")).block();
        drainOutbox();
        // Publish it once more, as a relay that died before marking would.
        db.sql("update outbox set sent_at = null where event_id = :id").bind("id", envelope.eventId())
                .fetch().rowsUpdated().block();
        drainOutbox();

        long applied = 0;
        for (int i = 0; i < 100 && applied == 0; i++) {
            Thread.sleep(200);
            applied = countRows("listener_effects", envelope.eventId());
        }
        Thread.sleep(1000);
        assertThat(countRows("listener_effects", envelope.eventId())).isEqualTo(1);
        assertThat(countInbox("outbox-test-listener", envelope.eventId())).isEqualTo(1);
    }

    private long countRows(String table, UUID eventId) {
        return db.sql("select count(*) as n from " + table + " where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private void drainOutbox() {
        Integer published;
        do {
            published = relay.relayOnce().block();
        } while (published != null && published > 0);
    }

    private EventHandlers recordEffect() {
        return EventHandlers.builder().on(PaymentConfirmed.class, (data, env) -> insertEffect(env.eventId())).build();
    }

    private Mono<Void> insertEffect(UUID eventId) {
        return db.sql("insert into effects (event_id) values (:id)").bind("id", eventId).fetch().rowsUpdated().then();
    }

    private long countEffects(UUID eventId) {
        return db.sql("select count(*) as n from effects where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long countInbox(String consumer, UUID eventId) {
        return db.sql("select count(*) as n from inbox where consumer = :c and event_id = :id")
                .bind("c", consumer).bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long countOutbox(UUID eventId) {
        return db.sql("select count(*) as n from outbox where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private Instant sentAt(UUID eventId) {
        return db.sql("select sent_at from outbox where event_id = :id").bind("id", eventId)
                .map(row -> java.util.Optional.ofNullable(row.get("sent_at", java.time.OffsetDateTime.class)))
                .one().block().map(java.time.OffsetDateTime::toInstant).orElse(null);
    }

    private int attempts(UUID eventId) {
        return db.sql("select attempts from outbox where event_id = :id").bind("id", eventId)
                .map(row -> row.get("attempts", Integer.class)).one().block();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static PaymentConfirmed payment() {
        long id = IDS.incrementAndGet();
        return new PaymentConfirmed(id, id, 4500L, "eur", "cs_test_" + id, "pi_test_" + id, Instant.now());
    }

    /** Sent outbox rows and processed inbox rows go after the retention (7 days by default); nothing else does. */
    @Test
    void purgeDeletesOnlyRowsDoneLongerAgoThanTheRetention() {
        assertThat(properties.retention()).isEqualTo(java.time.Duration.ofDays(7));
        String key = "purge-" + IDS.incrementAndGet();
        String insert = """
                insert into outbox (event_id, topic, aggregate_id, event_type, payload, created_at, sent_at)
                values (gen_random_uuid(), 'purge.test', :key, :type, '{}'::jsonb, now() - interval '30 days',
                        now() - make_interval(days => :sentDaysAgo))""";
        db.sql(insert).bind("key", key).bind("type", "old-sent").bind("sentDaysAgo", 8).fetch().rowsUpdated().block();
        db.sql(insert).bind("key", key).bind("type", "recent-sent").bind("sentDaysAgo", 6).fetch().rowsUpdated().block();
        db.sql(insert.replace("now() - make_interval(days => :sentDaysAgo)", "null")).bind("key", key)
                .bind("type", "old-unsent").fetch().rowsUpdated().block();
        String consumer = "purge-consumer-" + key;
        String inboxRow = """
                insert into inbox (consumer, event_id, event_type, processed_at)
                values (:consumer, gen_random_uuid(), :type, now() - make_interval(days => :daysAgo))""";
        db.sql(inboxRow).bind("consumer", consumer).bind("type", "old").bind("daysAgo", 8).fetch().rowsUpdated().block();
        db.sql(inboxRow).bind("consumer", consumer).bind("type", "recent").bind("daysAgo", 1).fetch().rowsUpdated()
                .block();

        assertThat(relay.purge().block()).isGreaterThanOrEqualTo(2);

        assertThat(db.sql("select event_type from outbox where aggregate_id = :key order by event_type")
                .bind("key", key).map(r -> r.get("event_type", String.class)).all().collectList().block())
                .containsExactly("old-unsent", "recent-sent");
        assertThat(db.sql("select event_type from inbox where consumer = :c").bind("c", consumer)
                .map(r -> r.get("event_type", String.class)).all().collectList().block())
                .containsExactly("recent");
    }
}
