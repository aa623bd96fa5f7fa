package com.telemed.payment;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import com.telemed.servicekit.crypto.EventSeal;

import com.stripe.Stripe;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.Topics;
import com.telemed.testkit.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

/** Booking's events on the real broker, Stripe-format events, and what payment-service published. */
final class PaymentFixtures {

    static final Duration WITHIN = Duration.ofSeconds(20);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private final KafkaTemplate<String, String> kafka;
    private final DatabaseClient db;
    private final EventSeal seal;

    PaymentFixtures(KafkaTemplate<String, String> kafka, DatabaseClient db, EventSeal seal) {
        this.kafka = kafka;
        this.db = db;
        this.seal = seal;
    }

    /** A value sealed as booking seals it into an event's field. */
    String sealed(String eventType, String field, String value) {
        return seal.seal(eventType, field, value);
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A consultation as booking announces it: 45.00 EUR, hold of {@code holdFor}, in three days unless said. */
    record Booked(long consultationId, long patientId, long doctorId, long amount, Instant scheduledAt,
            Instant holdExpiresAt) {
    }

    Booked book(Duration holdFor) {
        return book(holdFor, Instant.now().plus(Duration.ofDays(3)));
    }

    Booked book(Duration holdFor, Instant scheduledAt) {
        Booked b = new Booked(nextId(), nextId(), nextId(), 4500, scheduledAt, Instant.now().plus(holdFor));
        publish(b.consultationId(), new ConsultationBooked(b.consultationId(), b.patientId(), b.doctorId(),
                "Medicina general", b.scheduledAt(), 30, b.amount(), "EUR", b.holdExpiresAt(),
                sealed("consultation.booked", "sealed_patient_email", "patient-" + b.consultationId() + "@example.test"),
                sealed("consultation.booked", "sealed_patient_name", "Paciente Prueba"), "es", "Europe/Madrid",
                "Dra. Prueba"));
        awaitProjection(b.consultationId());
        return b;
    }

    void cancel(Booked b, String by, Instant at) {
        publish(b.consultationId(), new ConsultationCancelled(b.consultationId(), b.patientId(), b.doctorId(),
                b.scheduledAt(), "test", by, at));
    }

    /** video-service decided that nobody (or only one side) came; {@code absent} is doctor or patient. */
    void noShow(Booked b, String absent) {
        EventEnvelope envelope = EventEnvelope.wrap(new com.telemed.events.VideoNoShow(b.consultationId(),
                b.doctorId(), b.patientId(), b.scheduledAt(), absent, Instant.now()), "video-service", Instant.now());
        try {
            kafka.send(new ProducerRecord<>(Topics.VIDEO, Long.toString(b.consultationId()),
                    EventJson.write(envelope))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    void awaitProjection(long consultationId) {
        await().atMost(WITHIN).until(() -> count("select count(*) from consultations where consultation_id = "
                + consultationId) == 1);
    }

    long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block(Duration.ofSeconds(10));
    }

    String text(String sql) {
        return db.sql(sql).map(row -> String.valueOf(row.get(0))).one().defaultIfEmpty("").block(Duration.ofSeconds(10));
    }

    /** Outbox events of one consultation, by type. */
    long outboxEvents(long consultationId, String type) {
        return count("select count(*) from outbox where aggregate_id = '" + consultationId + "' and event_type = '"
                + type + "'");
    }

    /** A Stripe-format event with the API version of the stripe-java in use. */
    static String stripeEvent(String id, String type, Instant created, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", created.getEpochSecond());
        event.put("livemode", false);
        event.put("type", type);
        event.put("data", Map.of("object", object));
        return JsonMapper.shared().writeValueAsString(event);
    }

    static Map<String, Object> session(String sessionId, String intent, long consultationId, long paymentId,
            long amount, String paymentStatus, String status) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", sessionId);
        o.put("object", "checkout.session");
        o.put("amount_total", amount);
        o.put("currency", "eur");
        o.put("payment_status", paymentStatus);
        o.put("status", status);
        o.put("payment_intent", intent);
        o.put("metadata", Map.of("consultation_id", Long.toString(consultationId), "payment_id",
                Long.toString(paymentId)));
        return o;
    }

    static Map<String, Object> intent(String intent, long consultationId, long paymentId, long amount, String status) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", intent);
        o.put("object", "payment_intent");
        o.put("amount", amount);
        o.put("amount_received", "succeeded".equals(status) ? amount : 0);
        o.put("currency", "eur");
        o.put("status", status);
        o.put("metadata", Map.of("consultation_id", Long.toString(consultationId), "payment_id",
                Long.toString(paymentId)));
        if (!"succeeded".equals(status)) {
            o.put("last_payment_error", Map.of("code", "card_declined", "decline_code", "insufficient_funds",
                    "message", "Your card has insufficient funds."));
        }
        return o;
    }

    static String eventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The types published on the payments topic for one consultation, read from the start (partitions assigned, no
     * group): waits until {@code expected} arrived, then listens a little longer so that a duplicate would show.
     */
    static List<String> publishedTypes(long consultationId, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PAYMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WITHIN.toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (Long.toString(consultationId).equals(r.key())) {
                        types.add(new String(r.headers().lastHeader("type").value()));
                    }
                }
                if (types.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                }
            }
        }
        return types;
    }
}
