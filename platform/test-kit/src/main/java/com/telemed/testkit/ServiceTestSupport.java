package com.telemed.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;

/**
 * What a service's integration tests share: its API, the real broker and its own database, ids no earlier run
 * used, and tokens for the roles. Other services' facts are published as those services publish them.
 */
public abstract class ServiceTestSupport {

    /** How long a test waits for an event to be consumed or a background round to act. */
    public static final Duration WITHIN = Duration.ofSeconds(20);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected DatabaseClient db;

    /** An id no other test of this run, nor of an earlier run on the same database, has used. */
    public static long nextId() {
        return IDS.incrementAndGet();
    }

    public static String doctorToken(long doctorId) {
        return TestTokens.mint("specialist", doctorId);
    }

    public static String patientToken(long patientId) {
        return TestTokens.mint("patient", patientId);
    }

    /** Publishes {@code data} on {@code topic} as {@code source} does, keyed by its aggregate id; waits for the ack. */
    protected void publish(String topic, String source, long key, EventData data) {
        EventEnvelope envelope = EventEnvelope.wrap(data, source, Instant.now());
        try {
            kafka.send(new ProducerRecord<>(topic, Long.toString(key), EventJson.write(envelope)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + data.getClass().getSimpleName(), e);
        }
    }

    /** The number a counting query answers. */
    protected long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block(Duration.ofSeconds(10));
    }

    /** Calls the service's API, with a bearer token when one is given. */
    protected WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(path);
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }
}
