package com.telemed.clinical;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/** Booking's consultation facts on the real broker, tokens, and calls to the clinical API. */
abstract class ClinicalTestSupport {

    static final Duration WITHIN = Duration.ofSeconds(20);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    DatabaseClient db;

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static String doctorToken(long doctorId) {
        return TestTokens.mint("specialist", doctorId);
    }

    /** A consultation booking confirmed between the doctor and the patient, seen by clinical-service. */
    long confirmed(long doctorId, long patientId) {
        long consultationId = nextId();
        publish(consultationId, new ConsultationConfirmed(consultationId, patientId, doctorId, "Medicina general",
                Instant.now().minus(Duration.ofDays(2)), 30, 4500, "eur", "sealed-email", "sealed-name",
                "Dra. Prueba " + doctorId, "es", "Europe/Madrid", "sealed", ConsultationConfirmed.ONLINE));
        await().atMost(WITHIN).until(() -> count("select count(*) from care_relationships where consultation_id = "
                + consultationId) == 1);
        return consultationId;
    }

    void cancelled(long consultationId, long doctorId, long patientId) {
        publish(consultationId, new ConsultationCancelled(consultationId, patientId, doctorId, Instant.now(),
                "doctor_request", "doctor", Instant.now()));
        await().atMost(WITHIN).until(() -> count("select count(*) from care_relationships where consultation_id = "
                + consultationId + " and status = 'cancelled'") == 1);
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

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(path);
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    JsonNode created(long patientId, String token, Map<String, ?> body) {
        return call(HttpMethod.POST, history(patientId), token, body)
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String history(long patientId) {
        return "/api/v1/doctor/patients/" + patientId + "/history";
    }

    static String record(long patientId, long recordId) {
        return history(patientId) + "/" + recordId;
    }
}
