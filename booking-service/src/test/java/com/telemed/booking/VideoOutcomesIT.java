package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.telemed.events.ConsultationCompleted;
import com.telemed.events.EventEnvelope;
import com.telemed.events.VideoNoShow;
import com.telemed.events.VideoSessionEnded;
import com.telemed.events.VideoSessionStarted;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;

/** video-service's facts close booking's consultations: started/ended times, completed, no-show; each once. */
@ServiceTest
class VideoOutcomesIT extends BookingTestSupport {

    @Autowired
    EventSeal seal;

    @Test
    void anEndedSessionCompletesTheConsultationOnceWithItsTimes() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        String address = email("video");
        long id = bookOk(doctor, slot(doctor, 0), address);
        pay(id);
        awaitStatus(id, "confirmed");
        long patient = patientOf(id);
        Instant started = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        Instant ended = started.plus(Duration.ofMinutes(18));
        String room = "Telemed_" + id + "_" + "ab".repeat(20);

        publish(new VideoSessionStarted(id, doctor, patient, room, doctor, started), id);
        await().atMost(Duration.ofSeconds(30)).until(() -> started.equals(time(id, "started_at")));
        assertThat(status(id)).isEqualTo("confirmed");

        VideoSessionEnded end = new VideoSessionEnded(id, doctor, patient, room, started, ended, 18 * 60);
        EventEnvelope once = EventEnvelope.wrap(end, "video-service", Instant.now());
        publish(once, id);
        publish(once, id);
        awaitStatus(id, "completed");
        assertThat(time(id, "ended_at")).isEqualTo(ended);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox("consultation.completed", id).size() == 1);
        ConsultationCompleted completed = outbox("consultation.completed", id).get(0).dataAs(ConsultationCompleted.class);
        assertThat(completed).usingRecursiveComparison().ignoringFields("sealedPatientEmail", "locale")
                .isEqualTo(new ConsultationCompleted(id, patient, doctor, started, ended));
        // The address travels sealed only (for the visit-summary link), never in clear in the outbox.
        assertThat(seal.open("consultation.completed", ConsultationCompleted.SEALED_PATIENT_EMAIL,
                completed.sealedPatientEmail())).isEqualToIgnoringCase(address);
        assertThat(completed.locale()).isNotBlank();
        assertThat(outbox("consultation.completed", id).get(0).data().toString()).doesNotContain(address);

        // A no-show decided late (e.g. a duplicate decision) does not undo a completed consultation.
        publish(new VideoNoShow(id, doctor, patient, started, VideoNoShow.PATIENT, Instant.now()), id);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(status(id)).isEqualTo("completed");
        assertThat(outbox("consultation.completed", id)).hasSize(1);
    }

    @Test
    void aNoShowMarksAConfirmedConsultation() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long id = bookOk(doctor, slot(doctor, 1), email("noshow"));
        pay(id);
        awaitStatus(id, "confirmed");
        publish(new VideoNoShow(id, doctor, patientOf(id), Instant.now(), VideoNoShow.DOCTOR, Instant.now()), id);
        awaitStatus(id, "no_show");
        assertThat(outbox("consultation.completed", id)).isEmpty();
        List<String> actions = db.sql("select action from audit_log where resource = :r")
                .bind("r", "consultation:" + id).map(r -> r.get("action", String.class)).all().collectList().block();
        assertThat(actions).contains("no-show-doctor");
    }

    private Instant time(long id, String column) {
        return db.sql("select " + column + " as t from consultations where id = :id").bind("id", id)
                .map(r -> java.util.Optional.ofNullable(r.get("t", OffsetDateTime.class))).one().block()
                .map(OffsetDateTime::toInstant).orElse(null);
    }
}
