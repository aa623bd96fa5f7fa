package com.telemed.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.EventJson;
import com.telemed.testkit.InfrastructureInitializer;
import com.telemed.testkit.TestInfrastructure;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A backlog of 10,000 committed outbox rows (as after an outage of the broker) is relayed by a running relay with
 * the production settings: every row ends up sent, Kafka holds each event exactly once, in the order of its
 * aggregate, no round stalls and no session is left idle in a transaction. Logs the drain rate
 * (docs/benchmarks.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class OutboxBacklogIT {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklogIT.class);
    private static final int BACKLOG = 10_000;
    private static final int AGGREGATES = 500;
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    OutboxSignal signal;

    @Test
    void aBacklogOfTenThousandRowsIsRelayedOnceEachWithoutAStall() throws Exception {
        String topic = "outbox-backlog-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(topic, 3);
        long inserted = db.sql("""
                        insert into outbox (event_id, topic, aggregate_id, event_type, payload)
                        select gen_random_uuid(), :topic, (i % :aggregates)::text, 'payment.confirmed', e
                          from generate_series(1, :n) as i,
                               lateral (select jsonb_build_object(
                                   'event_id', gen_random_uuid(), 'type', 'payment.confirmed', 'version', 1,
                                   'occurred_at', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                   'source', 'outbox-backlog-test',
                                   'data', jsonb_build_object('payment_id', i, 'consultation_id', i % :aggregates,
                                       'amount', 4500, 'currency', 'eur', 'stripe_session_id', 'cs_test_' || i,
                                       'stripe_payment_intent_id', 'pi_test_' || i,
                                       'paid_at', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
                                   as e) as envelope""")
                .bind("topic", topic).bind("aggregates", AGGREGATES).bind("n", BACKLOG)
                .fetch().rowsUpdated().block();
        assertThat(inserted).isEqualTo(BACKLOG);
        // The envelope's event id is the row's: the relay sends it in a header, consumers read it from the payload.
        db.sql("update outbox set payload = jsonb_set(payload, '{event_id}', to_jsonb(event_id::text))"
                        + " where topic = :topic").bind("topic", topic).fetch().rowsUpdated().block();
        String sample = db.sql("select payload::text as p from outbox where topic = :topic limit 1")
                .bind("topic", topic).map(row -> row.get("p", String.class)).one().block();
        assertThat(EventJson.read(sample).type()).isEqualTo("payment.confirmed");

        // Production settings (batch 200, 60 s lease, 30 s per round), relaying on its own.
        OutboxProperties production = new OutboxProperties(true, null, null, null, null, null, null, null, null,
                null, null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = new OutboxRelay(db, tx, kafka, production, signal, meters);
        relay.setMeterRegistry(meters);
        IdleTransactions idle = new IdleTransactions();
        long started = System.nanoTime();
        relay.start();
        long drainedNanos;
        try {
            drainedNanos = awaitSent(topic, started);
        } finally {
            relay.stop();
            idle.stop();
        }
        double seconds = drainedNanos / 1e9;
        log.info("Backlog of {} outbox rows: relayed in {} ms ({}/s); longest idle in transaction seen: {} ms",
                BACKLOG, Math.round(seconds * 1000), Math.round(BACKLOG / seconds), idle.longest().toMillis());

        assertThat(unsent(topic)).as("every row marked sent").isZero();
        assertThat(meters.find("telemed.background.round").tag("outcome", "timeout").timers())
                .as("no relay round stalled").allSatisfy(t -> assertThat(t.count()).isZero());
        assertThat(meters.find("telemed.background.round").tag("outcome", "failed").timers())
                .as("no relay round failed").allSatisfy(t -> assertThat(t.count()).isZero());
        assertThat(idle.longest()).as("no session sat idle in a transaction during the drain")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(idleInTransactionNow()).as("no session left idle in a transaction").isZero();

        List<ConsumerRecord<String, String>> records = readAll(topic);
        Map<String, Integer> deliveries = new HashMap<>();
        records.forEach(r -> deliveries.merge(header(r, OutboxRelay.HEADER_EVENT_ID), 1, Integer::sum));
        Set<String> written = new HashSet<>(db.sql("select event_id::text as id from outbox where topic = :topic")
                .bind("topic", topic).map(row -> row.get("id", String.class)).all().collectList().block());
        assertThat(deliveries.keySet()).as("every event reached Kafka").isEqualTo(written);
        assertThat(deliveries.values()).as("each exactly once").allMatch(n -> n == 1);
        assertThat(records).hasSize(BACKLOG);
        assertInAggregateOrder(topic, records);
    }

    /** Until no row of the topic waits any more; emits the time it took. */
    private long awaitSent(String topic, long started) throws InterruptedException {
        long deadline = started + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (unsent(topic) == 0) {
                return System.nanoTime() - started;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The backlog was not relayed within " + WITHIN + ": " + unsent(topic) + " left");
    }

    private long unsent(String topic) {
        return db.sql("select count(*) as n from outbox where topic = :topic and sent_at is null")
                .bind("topic", topic).map(row -> row.get("n", Long.class)).one().block();
    }

    /** The events of one aggregate arrive in the order they were written (the outbox id). */
    private void assertInAggregateOrder(String topic, List<ConsumerRecord<String, String>> records) {
        Map<String, Long> idOf = new HashMap<>();
        db.sql("select event_id::text as e, id from outbox where topic = :topic").bind("topic", topic)
                .map(row -> Map.entry(row.get("e", String.class), row.get("id", Long.class))).all()
                .doOnNext(e -> idOf.put(e.getKey(), e.getValue())).blockLast();
        Map<String, Long> lastOfKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            long id = idOf.get(header(r, OutboxRelay.HEADER_EVENT_ID));
            Long previous = lastOfKey.put(r.key(), id);
            assertThat(previous == null || previous < id).as("order within aggregate %s", r.key()).isTrue();
        }
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every record of the topic, read partition by partition up to its end. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "backlog-probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("topic read to its end in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long idleInTransactionNow() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid()
                   and state like 'idle in transaction%'""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
    }

    /**
     * Samples {@code pg_stat_activity} every 100 ms on its own connection and keeps the longest time a session
     * had been idle inside a transaction (a claim's transaction is idle for an instant between its statements;
     * one held across a call to Kafka would be for as long as the call).
     */
    private static final class IdleTransactions {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger longestMillis = new AtomicInteger();
        private final Connection connection;

        IdleTransactions() throws SQLException {
            connection = connect();
            sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                    select coalesce(max(extract(epoch from now() - state_change) * 1000), 0)::int
                      from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()
                       and state like 'idle in transaction%'""")) {
                rs.next();
                longestMillis.accumulateAndGet(rs.getInt(1), Math::max);
            } catch (SQLException e) {
                log.warn("Could not sample pg_stat_activity: {}", e.toString());
            }
        }

        Duration longest() {
            return Duration.ofMillis(longestMillis.get());
        }

        void stop() throws SQLException {
            sampler.shutdownNow();
            connection.close();
        }
    }
}
