package com.telemed.clinical;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpMethod;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventData;
import com.telemed.events.Topics;
import com.telemed.testkit.ServiceTestSupport;

import tools.jackson.databind.JsonNode;

/** Booking's consultation facts on the real broker, tokens, and calls to the clinical API. */
abstract class ClinicalTestSupport extends ServiceTestSupport {

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

    /** Publishes a consultation fact as booking-service does. */
    void publish(long key, EventData data) {
        publish(Topics.CONSULTATIONS, "booking-service", key, data);
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
