package com.telemed.video;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventData;
import com.telemed.events.Topics;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.OneTimeTokens;
import com.telemed.testkit.ServiceTestSupport;

import tools.jackson.databind.JsonNode;

/** Booking's consultation facts on the real broker (sealed as booking seals them), tokens, and API calls. */
abstract class VideoTestSupport extends ServiceTestSupport {

    @Autowired
    EventSeal seal;

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

    /** Publishes a consultation fact as booking-service does. */
    void publish(long key, EventData data) {
        publish(Topics.CONSULTATIONS, "booking-service", key, data);
    }

    long events(long consultationId, String type) {
        return count("select count(*) from outbox where aggregate_id = '" + consultationId + "' and event_type = '"
                + type + "'");
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
