package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.EventType;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.Topics;
import com.telemed.testkit.TestInfrastructure;
import com.telemed.testkit.TestTokens;
import com.telemed.webkit.ClientIp;

/**
 * Shared steps of the booking tests: doctors arrive as auth-service would announce them (events on the users
 * topic), set their agenda through the API, and patients book through the API.
 */
abstract class BookingTestSupport {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected KafkaTemplate<String, String> kafka;

    protected static long newId() {
        return IDS.incrementAndGet();
    }

    protected static String email(String name) {
        return name + "-" + newId() + "@example.test";
    }

    protected void publish(EventData data, Object key) {
        publish(EventEnvelope.wrap(data, "test", Instant.now()), key);
    }

    protected void publish(EventEnvelope envelope, Object key) {
        String topic = EventType.fromName(envelope.type()).orElseThrow().topic();
        kafka.send(topic, String.valueOf(key), EventJson.write(envelope)).join();
    }

    /** A doctor registered by auth-service, working every day 09:00-17:00 in {@code zone}, 30-minute slots. */
    protected long doctor(String specialty, String zone) {
        long id = newId();
        publish(new MedicalProfessionalRegistered(id, "doc" + id + "@clinic.test", "Dr. Test " + id, "specialist",
                specialty, "LIC-" + id, "es", "sealed", Instant.now().plusSeconds(3600)), id);
        await().atMost(Duration.ofSeconds(45)).until(() -> Boolean.TRUE.equals(
                db.sql("select count(*) as n from doctors where id = :id").bind("id", id)
                        .map(r -> r.get("n", Long.class) == 1).one().block()));
        String token = TestTokens.mint("specialist", id);
        web.put().uri("/api/v1/doctor/agenda/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bio", "Bio", "fee_amount", 4500, "currency", "eur", "slot_minutes", 30,
                        "buffer_minutes", 0, "min_notice_minutes", 0, "max_advance_days", 365, "timezone", zone,
                        "languages", List.of("es", "en")))
                .exchange().expectStatus().isOk();
        List<Map<String, Object>> hours = new java.util.ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            hours.add(Map.of("weekday", day, "start", "09:00", "end", "17:00"));
        }
        web.put().uri("/api/v1/doctor/agenda/working-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("working_hours", hours))
                .exchange().expectStatus().isOk();
        return id;
    }

    protected void deactivate(long doctorId, String specialty) {
        publish(new MedicalProfessionalUpdated(doctorId, "doc" + doctorId + "@clinic.test", "Dr. Test " + doctorId,
                "specialist", specialty, "LIC-" + doctorId, false), doctorId);
    }

    /** Free slot start times of a doctor over the next days. */
    @SuppressWarnings("unchecked")
    protected List<String> freeSlots(long doctorId, Instant from, Instant to) {
        Map<String, Object> body = web.get().uri(u -> u.path("/api/v1/consultations/public/doctors/{id}/slots")
                        .queryParam("from", from.toString()).queryParam("to", to.toString()).build(doctorId))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("slots")).stream().map(s -> (String) s.get("starts_at")).toList();
    }

    /** A free slot of the doctor a few days ahead (tomorrow at the earliest, so cutoffs do not interfere). */
    protected Instant slot(long doctorId, int index) {
        Instant from = Instant.now().plus(Duration.ofDays(3));
        return Instant.parse(freeSlots(doctorId, from, from.plus(Duration.ofDays(3))).get(index));
    }

    protected Map<String, Object> bookingBody(long doctorId, Instant at, String email) {
        return new java.util.HashMap<>(Map.of("doctor_id", doctorId, "scheduled_at", at.toString(),
                "full_name", "Ana Paciente", "email", email, "phone", "+34 600 123 456",
                "reason_for_visit", "Dolor de cabeza", "locale", "es", "timezone", "Europe/Madrid"));
    }

    /**
     * A public booking from an address of its own (as the gateway would tell), so that tests that book many times
     * stay under the per-address cap of live holds.
     */
    protected WebTestClient.ResponseSpec book(Map<String, Object> body) {
        return book(body, clientIp());
    }

    protected WebTestClient.ResponseSpec book(Map<String, Object> body, String clientIp) {
        return web.post().uri("/api/v1/consultations/public/book").contentType(MediaType.APPLICATION_JSON)
                .header(ClientIp.HEADER, clientIp).bodyValue(body).exchange();
    }

    /** A client address nobody else uses. */
    protected static String clientIp() {
        long n = newId();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    @SuppressWarnings("unchecked")
    protected long bookOk(long doctorId, Instant at, String email) {
        Map<String, Object> answer = book(bookingBody(doctorId, at, email)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) answer.get("consultation_id")).longValue();
    }

    protected String status(long consultationId) {
        return db.sql("select status from consultations where id = :id").bind("id", consultationId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    protected long patientOf(long consultationId) {
        return db.sql("select patient_id from consultations where id = :id").bind("id", consultationId)
                .map(r -> r.get("patient_id", Long.class)).one().block();
    }

    /** Events this service wrote to its outbox for an aggregate, oldest first. */
    protected List<EventEnvelope> outbox(String type, long consultationId) {
        return db.sql("select payload::text as p from outbox where event_type = :t and aggregate_id = :k order by id")
                .bind("t", type).bind("k", String.valueOf(consultationId))
                .map(r -> EventJson.read(r.get("p", String.class))).all().collectList().block();
    }

    protected void pay(long consultationId) {
        publish(new PaymentConfirmed(newId(), consultationId, 4500, "eur", "cs_test_" + consultationId,
                "pi_test_" + consultationId, Instant.now()), consultationId);
    }

    /** A consumer of the consultations topic from its beginning, in a group of its own. */
    protected static KafkaConsumer<String, String> consultationsConsumer(int maxPollRecords) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "booking-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.CONSULTATIONS));
        return consumer;
    }

    /** The values of the consultations topic's records with this key, once there are {@code count} of them. */
    protected static List<String> publishedRecords(String key, int count, Duration within) {
        List<String> values = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consultationsConsumer(500)) {
            Instant deadline = Instant.now().plus(within);
            while (values.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    protected void awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(45)).until(() -> status.equals(status(id)));
    }

    /** Lets a hold's time run out (the clock moved on), without touching anything else. */
    protected void expireHold(long consultationId) {
        db.sql("update consultations set hold_expires_at = :t where id = :id")
                .bind("t", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).bind("id", consultationId)
                .fetch().rowsUpdated().block();
    }

    protected static void assertProblem(WebTestClient.ResponseSpec spec, int status) {
        spec.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status).jsonPath("$.trace").doesNotExist();
        assertThat(status).isGreaterThanOrEqualTo(400);
    }
}
