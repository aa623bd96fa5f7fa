package com.telemed.video;

import static org.awaitility.Awaitility.await;

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

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.Topics;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.OneTimeTokens;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/** Booking's consultation facts on the real broker (sealed as booking seals them), tokens, and API calls. */
abstract class VideoTestSupport {

    static final Duration WITHIN = Duration.ofSeconds(20);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    DatabaseClient db;
    @Autowired
    EventSeal seal;

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static String doctorToken(long doctorId) {
        return TestTokens.mint("specialist", doctorId);
    }

    static String patientToken(long patientId) {
        return TestTokens.mint("patient", patientId);
    }

    /** A confirmed consultation as video-service learnt it; {@code linkToken} is the patient's manage-link token. */
    record Booked(long id, long doctorId, long patientId, String linkToken) {
    }

    Booked confirmed(Instant scheduledAt, int minutes) {
        long id = nextId();
        long doctor = nextId();
        long patient = nextId();
        String link = OneTimeTokens.issue();
        publish(id, new ConsultationConfirmed(id, patient, doctor, "Medicina general", scheduledAt, minutes, 4500,
                "eur", "sealed-email", "sealed-name", "Dra. Prueba", "es", "Europe/Madrid",
                seal.seal("consultation.confirmed", ConsultationConfirmed.SEALED_MANAGE_TOKEN, link),
                ConsultationConfirmed.ONLINE));
        await().atMost(WITHIN).until(() -> count("select count(*) from consultations where consultation_id = " + id) == 1);
        return new Booked(id, doctor, patient, link);
    }

    /** A consultation confirmed a few minutes from now: inside its video window. */
    Booked soon() {
        return confirmed(Instant.now().plus(Duration.ofMinutes(5)), 30);
    }

    void cancelled(Booked b) {
        publish(b.id(), new ConsultationCancelled(b.id(), b.patientId(), b.doctorId(), Instant.now(),
                "doctor_request", "doctor", Instant.now()));
        await().atMost(WITHIN).until(() -> count("select count(*) from consultations where consultation_id = "
                + b.id() + " and status = 'cancelled'") == 1);
    }

    void publish(long key, EventData data) {
        EventEnvelope envelope = EventEnvelope.wrap(data, "booking-service", Instant.now());
        try {
            kafka.send(new ProducerRecord<>(Topics.CONSULTATIONS, Long.toString(key), EventJson.write(envelope)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block(Duration.ofSeconds(10));
    }

    long events(long consultationId, String type) {
        return count("select count(*) from outbox where aggregate_id = '" + consultationId + "' and event_type = '"
                + type + "'");
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(path);
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    static String path(long id, String action) {
        return "/api/v1/video/consultations/" + id + "/" + action;
    }

    JsonNode start(Booked b) {
        return call(HttpMethod.POST, path(b.id(), "start-video"), doctorToken(b.doctorId()), null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode info(long id, String token) {
        return call(HttpMethod.GET, path(id, "video-info"), token, null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
