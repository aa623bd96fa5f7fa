package com.telemed.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.EventType;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestInfrastructure;

/**
 * Shared set-up of auth-service's integration tests: one Spring context (same properties everywhere), the real
 * broker read as notification-service would read it, and helpers for the common steps.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.auth.registration-token=" + AuthIntegrationTest.REGISTRATION_TOKEN,
        "telemed.auth.bootstrap-admin.email=" + AuthIntegrationTest.ROOT_EMAIL,
        "telemed.auth.bootstrap-admin.password=" + AuthIntegrationTest.ROOT_PASSWORD,
        "telemed.auth.reset-answer-floor=400ms",
        // Long enough that a throttled key is still waiting when the test looks, whatever the machine's load.
        "telemed.auth.throttle.first-delay=60s" })
public abstract class AuthIntegrationTest {

    public static final String REGISTRATION_TOKEN = "test-registration-secret";
    public static final String ROOT_EMAIL = "root-it@telemed.test";
    public static final String ROOT_PASSWORD = "Root-Bootstrap-Pass-2026";
    public static final MapType MAP = new MapType();
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected EventSeal seal;

    public static final class MapType extends ParameterizedTypeReference<Map<String, Object>> {
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "@hospital.test";
    }

    protected Map<String, Object> post(String path, Object body, int status) {
        return post(path, null, body, status);
    }

    protected Map<String, Object> post(String path, String token, Object body, int status) {
        WebTestClient.RequestBodySpec spec = web.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        return spec.bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(MAP).returnResult().getResponseBody();
    }

    protected Map<String, Object> get(String path, String token, int status) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(MAP).returnResult().getResponseBody();
    }

    protected Map<String, Object> registerDoctor(String email, String specialty) {
        return post("/api/v1/auth/register-medical-professional", Map.of("email", email, "full_name", "Dr. Test",
                "license_number", "LIC-" + SEQ.incrementAndGet(), "specialty", specialty,
                "registration_token", REGISTRATION_TOKEN), 201);
    }

    /** The temporary password, as notification-service gets it: from the event, opened with the seal. */
    protected String temporaryPasswordOf(String email) {
        MedicalProfessionalRegistered event = awaitEvent(MedicalProfessionalRegistered.class,
                e -> e.email().equals(email));
        return seal.open("medical-professional.registered", "sealed_temporary_password",
                event.sealedTemporaryPassword());
    }

    /** A doctor with a permanent password; returns the login answer. */
    protected Map<String, Object> doctorWithPassword(String email, String password) {
        registerDoctor(email, "Cardiología");
        Map<String, Object> limited = post("/api/v1/auth/login-temporary",
                Map.of("email", email, "temporary_password", temporaryPasswordOf(email)), 200);
        return post("/api/v1/auth/change-password", (String) limited.get("access_token"),
                Map.of("new_password", password), 200);
    }

    protected Map<String, Object> login(String email, String password, int status) {
        return post("/api/v1/auth/login", Map.of("email", email, "password", password), status);
    }

    protected String rootToken() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var result = web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", ROOT_EMAIL, "password", ROOT_PASSWORD)).exchange()
                    .expectBody(MAP).returnResult();
            if (result.getStatus().value() == 200) {
                return (String) result.getResponseBody().get("access_token");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bootstrap it_admin cannot sign in: " + result.getStatus());
            }
            sleep(200);
        }
    }

    /** The first event of {@code type} on its topic whose payload matches, waiting up to 20 s. */
    protected static <T extends EventData> T awaitEvent(Class<T> type, Predicate<T> matches) {
        return awaitEnvelope(type, matches).dataAs(type);
    }

    protected static <T extends EventData> EventEnvelope awaitEnvelope(Class<T> type, Predicate<T> matches) {
        EventType eventType = EventType.of(type);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(eventType.topic()));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    EventEnvelope envelope = EventJson.read(record.value());
                    if (envelope.type().equals(eventType.typeName()) && matches.test(envelope.dataAs(type))) {
                        return envelope;
                    }
                }
            }
        }
        throw new AssertionError("no matching " + eventType.typeName() + " event within 20 s");
    }

    /** Publishes an event as its producer would (used for the events auth-service consumes). */
    protected static void publish(EventData data, Object key) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        EventEnvelope envelope = EventEnvelope.wrap(data, "booking-service", Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(EventType.of(data).topic(), String.valueOf(key),
                    EventJson.write(envelope))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().blockOptional().orElse(0L);
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected static void assertProblem(Map<String, Object> body, String code) {
        assertThat(body).isNotNull();
        assertThat((String) body.get("type")).endsWith("/" + code);
    }
}
