package com.telemed.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * The video room end to end on real PostgreSQL and Kafka: consultations learnt from booking's events, who may open,
 * read and close a room (the access matrix), the time window, idempotent start and end, presence, and the
 * attendance rounds (late patient, no-show) with their events. Jitsi here is the public kind: no room tokens.
 */
@ServiceTest
@TestPropertySource(properties = "telemed.video.attendance-interval=500ms")
class VideoRoomsIT extends VideoTestSupport {

    @Test
    void onlyTheConsultationsDoctorOpensTheRoomAndEveryoneElseGetsTheSameAnswerAsForNobody() {
        Booked b = soon();
        Booked other = soon();
        long missing = nextId();

        for (String token : List.of(doctorToken(other.doctorId()), patientToken(b.patientId()),
                TestTokens.mint("admin", nextId()), TestTokens.mint("medical_admin", nextId()))) {
            for (long id : List.of(b.id(), missing)) {
                call(HttpMethod.POST, path(id, "start-video"), token, null).expectStatus().isNotFound()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found");
                call(HttpMethod.POST, path(id, "end-video"), token, null).expectStatus().isNotFound();
            }
        }
        call(HttpMethod.POST, path(b.id(), "start-video"), null, null).expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        call(HttpMethod.POST, path(b.id(), "end-video"), null, null).expectStatus().isUnauthorized();
        assertThat(count("select count(*) from rooms where consultation_id = " + b.id())).isZero();

        JsonNode started = start(b);
        assertThat(started.get("state").asString()).isEqualTo("live");
        assertThat(started.get("role").asString()).isEqualTo("doctor");
        assertThat(started.get("jitsi_room_name").asString()).matches("Telemed_" + b.id() + "_[0-9a-f]{40}");
        assertThat(started.get("jitsi_room_url").asString())
                .isEqualTo("https://meet.jit.si/" + started.get("jitsi_room_name").asString());
        assertThat(started.get("started_at").isNull()).isFalse();
        assertThat(started.get("patient_id").asLong()).isEqualTo(b.patientId());
        // Public Jitsi: no token, and the API says what protects the room.
        assertThat(started.get("jwt").isNull()).isTrue();
        assertThat(started.get("room_protection").asString()).isEqualTo("name_and_lobby");
        assertThat(started.get("lobby_enabled").asBoolean()).isTrue();
    }

    @Test
    void theDoctorAndThePatientByAccessTokenOrManageLinkReadTheRoomAndNobodyElse() {
        Booked b = soon();
        Booked other = soon();
        String room = start(b).get("jitsi_room_name").asString();

        JsonNode doctor = info(b.id(), doctorToken(b.doctorId()));
        assertThat(doctor.get("role").asString()).isEqualTo("doctor");
        assertThat(doctor.get("jitsi_room_name").asString()).isEqualTo(room);
        JsonNode patient = info(b.id(), patientToken(b.patientId()));
        assertThat(patient.get("role").asString()).isEqualTo("patient");
        assertThat(patient.get("jitsi_room_name").asString()).isEqualTo(room);
        assertThat(patient.get("patient_id").isNull()).isTrue();
        assertThat(patient.get("display_name").asString()).isEqualTo("Paciente");
        JsonNode byLink = web.get().uri(path(b.id(), "video-info") + "?token=" + b.linkToken()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(byLink.get("role").asString()).isEqualTo("patient");
        assertThat(byLink.get("jitsi_room_name").asString()).isEqualTo(room);

        long missing = nextId();
        for (long id : List.of(b.id(), missing)) {
            for (String token : List.of(doctorToken(other.doctorId()), patientToken(other.patientId()),
                    TestTokens.mint("admin", nextId()), TestTokens.mint("patient_link", b.patientId()))) {
                call(HttpMethod.GET, path(id, "video-info"), token, null).expectStatus().isNotFound()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                call(HttpMethod.POST, path(id, "presence"), token, Map.of("event", "joined"))
                        .expectStatus().isNotFound();
            }
            // No token at all, a wrong link, another consultation's link: the same 404.
            for (String link : List.of("", "?token=wrong", "?token=" + other.linkToken())) {
                web.get().uri(path(id, "video-info") + link).exchange().expectStatus().isNotFound()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
            call(HttpMethod.POST, path(id, "presence"), null, Map.of("event", "joined", "token", other.linkToken()))
                    .expectStatus().isNotFound();
        }
        assertThat(count("select count(*) from presence where consultation_id = " + b.id()
                + " and participant = 'patient'")).isZero();
        // A forged access token is refused even on the public paths.
        call(HttpMethod.GET, path(b.id(), "video-info"), TestTokens.forged("specialist", b.doctorId()), null)
                .expectStatus().isUnauthorized();
    }

    @Test
    void theRoomOpensOnlyForAConfirmedConsultationInsideItsWindow() {
        Booked early = confirmed(Instant.now().plus(Duration.ofMinutes(16)), 30);
        call(HttpMethod.POST, path(early.id(), "start-video"), doctorToken(early.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/too-early")
                .jsonPath("$.opens_at").exists();
        JsonNode waiting = info(early.id(), patientToken(early.patientId()));
        assertThat(waiting.get("state").asString()).isEqualTo("waiting");
        assertThat(waiting.get("jitsi_room_name").isNull()).isTrue();
        assertThat(Instant.parse(waiting.get("opens_at").asString()))
                .isEqualTo(Instant.parse(waiting.get("scheduled_at").asString()).minus(Duration.ofMinutes(15)));

        Booked justOpen = confirmed(Instant.now().plus(Duration.ofMinutes(14)), 30);
        start(justOpen);

        Booked over = confirmed(Instant.now().minus(Duration.ofMinutes(31)), 30);
        call(HttpMethod.POST, path(over.id(), "start-video"), doctorToken(over.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/too-late");
        // Once the attendance round has marked it a no-show, the answer is still that its time is over.
        await().atMost(WITHIN).until(() -> count("select count(*) from consultations where consultation_id = "
                + over.id() + " and status = 'no_show'") == 1);
        call(HttpMethod.POST, path(over.id(), "start-video"), doctorToken(over.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/too-late");

        Booked gone = soon();
        cancelled(gone);
        call(HttpMethod.POST, path(gone.id(), "start-video"), doctorToken(gone.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-confirmed");
        // Cancelling revokes the link.
        web.get().uri(path(gone.id(), "video-info") + "?token=" + gone.linkToken()).exchange()
                .expectStatus().isNotFound();
        assertThat(count("select count(*) from rooms where consultation_id in (" + early.id() + "," + over.id()
                + "," + gone.id() + ")")).isZero();
        assertThat(events(early.id(), "video.session-started") + events(over.id(), "video.session-started")
                + events(gone.id(), "video.session-started")).isZero();
    }

    @Test
    void startingAgainAnswersTheSameRoomAndEndingIsRecordedOnce() {
        Booked b = soon();
        call(HttpMethod.POST, path(b.id(), "end-video"), doctorToken(b.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-started");

        String room = start(b).get("jitsi_room_name").asString();
        assertThat(start(b).get("jitsi_room_name").asString()).isEqualTo(room);
        assertThat(events(b.id(), "video.session-started")).isEqualTo(1);
        String payload = db.sql("select payload::text as p from outbox where aggregate_id = :k and event_type = :t")
                .bind("k", String.valueOf(b.id())).bind("t", "video.session-started")
                .map(row -> row.get("p", String.class)).one().block(Duration.ofSeconds(5));
        assertThat(payload).contains(room).contains("\"started_by\": " + b.doctorId());

        call(HttpMethod.POST, path(b.id(), "end-video"), patientToken(b.patientId()), null)
                .expectStatus().isNotFound();
        JsonNode ended = call(HttpMethod.POST, path(b.id(), "end-video"), doctorToken(b.doctorId()), null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ended.get("state").asString()).isEqualTo("ended");
        assertThat(ended.get("duration_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(ended.get("ended_at").isNull()).isFalse();
        JsonNode again = call(HttpMethod.POST, path(b.id(), "end-video"), doctorToken(b.doctorId()), null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.get("ended_at").asString()).isEqualTo(ended.get("ended_at").asString());
        assertThat(events(b.id(), "video.session-ended")).isEqualTo(1);
        assertThat(info(b.id(), patientToken(b.patientId())).get("state").asString()).isEqualTo("ended");
        call(HttpMethod.POST, path(b.id(), "start-video"), doctorToken(b.doctorId()), null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/session-ended");
    }

    @Test
    void presenceTellsTheDoctorThePatientIsWaitingAndBadInputChangesNothing() {
        Booked b = soon();
        assertThat(info(b.id(), doctorToken(b.doctorId())).get("patient_waiting").asBoolean()).isFalse();

        call(HttpMethod.POST, path(b.id(), "presence"), null, Map.of("event", "joined", "token", b.linkToken()))
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("patient");
        JsonNode doctor = info(b.id(), doctorToken(b.doctorId()));
        assertThat(doctor.get("patient_present").asBoolean()).isTrue();
        assertThat(doctor.get("patient_waiting").asBoolean()).isTrue();

        start(b);
        assertThat(info(b.id(), doctorToken(b.doctorId())).get("patient_waiting").asBoolean()).isFalse();
        call(HttpMethod.POST, path(b.id(), "presence"), patientToken(b.patientId()), Map.of("event", "left"))
                .expectStatus().isOk();
        assertThat(info(b.id(), doctorToken(b.doctorId())).get("patient_present").asBoolean()).isFalse();

        for (Object body : List.of(Map.of("event", "danced"), Map.of())) {
            call(HttpMethod.POST, path(b.id(), "presence"), patientToken(b.patientId()), body)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        call(HttpMethod.GET, "/api/v1/video/consultations/not-a-number/video-info", doctorToken(b.doctorId()), null)
                .expectStatus().isBadRequest();
        assertThat(count("select count(*) from presence where consultation_id = " + b.id()
                + " and participant = 'patient' and present")).isZero();
    }

    @Test
    void aLatePatientIsRemindedOnceAndWhoeverNeverCameIsANoShow() {
        // Each ends a few seconds from now, started long enough ago for the patient to count as late.
        Instant soonOver = Instant.now().minus(Duration.ofMinutes(30)).plus(Duration.ofSeconds(6));
        Booked patientAbsent = confirmed(soonOver, 30);
        Booked nobody = confirmed(soonOver, 30);
        Booked bothCame = confirmed(soonOver, 30);
        start(patientAbsent);
        start(bothCame);
        call(HttpMethod.POST, path(bothCame.id(), "presence"), null,
                Map.of("event", "joined", "token", bothCame.linkToken())).expectStatus().isOk();
        // Late from three seconds from now, but the patient is already on the page.
        Booked onTime = confirmed(Instant.now().minus(Duration.ofMinutes(10)).plus(Duration.ofSeconds(3)), 30);
        call(HttpMethod.POST, path(onTime.id(), "presence"), patientToken(onTime.patientId()),
                Map.of("event", "joined")).expectStatus().isOk();

        await().atMost(WITHIN).until(() -> events(patientAbsent.id(), "video.patient-late") == 1
                && events(nobody.id(), "video.patient-late") == 1);
        await().atMost(WITHIN).until(() -> events(patientAbsent.id(), "video.no-show") == 1
                && events(nobody.id(), "video.no-show") == 1);

        assertThat(events(onTime.id(), "video.patient-late")).isZero();
        assertThat(events(bothCame.id(), "video.no-show")).isZero();
        assertThat(count("select count(*) from consultations where consultation_id = " + patientAbsent.id()
                + " and status = 'no_show' and no_show_absent = 'patient'")).isEqualTo(1);
        assertThat(count("select count(*) from consultations where consultation_id = " + nobody.id()
                + " and status = 'no_show' and no_show_absent = 'doctor'")).isEqualTo(1);
        // Decided once: later rounds add nothing.
        await().pollDelay(Duration.ofMillis(1500)).atMost(WITHIN).until(() -> true);
        assertThat(events(patientAbsent.id(), "video.patient-late") + events(patientAbsent.id(), "video.no-show"))
                .isEqualTo(2);
        String payload = db.sql("select payload::text as p from outbox where aggregate_id = :k and event_type = :t")
                .bind("k", String.valueOf(nobody.id())).bind("t", "video.no-show")
                .map(row -> row.get("p", String.class)).one().block(Duration.ofSeconds(5));
        assertThat(payload).contains("\"absent\": \"doctor\"").contains("\"patient_id\": " + nobody.patientId());
    }
}
