package com.telemed.notification;

import static com.telemed.notification.EventFeed.email;
import static com.telemed.notification.EventFeed.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.ClinicalRecordSigned;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventEnvelope;
import com.telemed.events.PatientLoginLinkIssued;
import com.telemed.events.Topics;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;

/**
 * The visit-summary email (ADR 12): the link auth-service issues when a consultation completes and a record signed
 * for it, in either order and at the same moment, on the real broker and database, make exactly one email.
 */
@ServiceTest
@SuppressWarnings("unchecked")
@TestPropertySource(properties = { "telemed.local-mode=true", "telemed.notification.public-url=http://web.test" })
class VisitSummaryIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EventSeal seal;

    @Autowired
    DatabaseClient db;

    EventFeed feed;

    @BeforeEach
    void setUp() {
        feed = new EventFeed(kafka);
    }

    @Test
    void linkThenSignedRecordSendsOneEmailWhoseLinkLandsOnMyConsultations() {
        String patient = email("summary");
        long patientId = nextId();
        long consultation = nextId();
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        // The confirmation tells this service the consultation's date and doctor; its booking-time link is emailed
        // as before.
        feed.publish(Topics.CONSULTATIONS, consultation, confirmed(consultation, patientId, patient, at));
        feed.publish(Topics.USERS, patientId, link(patientId, consultation, patient, "booking-token", null));
        awaitMessages(patient, 2);

        EventEnvelope summaryLink = EventEnvelope.wrap(
                link(patientId, consultation, patient, "summary+token/1", PatientLoginLinkIssued.VISIT_SUMMARY), "test",
                Instant.now());
        feed.publish(Topics.USERS, patientId, summaryLink);
        awaitRow(consultation);
        assertThat(ofType(patient, "visit-summary")).isEmpty(); // no record signed yet

        EventEnvelope signed = EventEnvelope.wrap(signed(consultation, patientId), "test", Instant.now());
        feed.publish(Topics.CLINICAL, patientId, signed);
        Map<String, Object> email = awaitOfType(patient, "visit-summary");
        assertThat(email.get("subject")).isEqualTo("El resumen de tu consulta ya está disponible");
        assertThat((List<Object>) email.get("links"))
                .containsExactly("http://web.test/acceso?token=summary%2Btoken%2F1");
        assertThat((String) email.get("text")).contains("Dr. Luis Gil").contains("Mis consultas");
        assertThat(ofType(patient, "patient-login-link")).hasSize(1);

        // Redeliveries of both facts and a second signed record send nothing more.
        feed.publish(Topics.USERS, patientId, summaryLink);
        feed.publish(Topics.CLINICAL, patientId, signed);
        feed.publish(Topics.CLINICAL, patientId, signed(consultation, patientId));
        settleAfter(patientId);
        assertThat(ofType(patient, "visit-summary")).hasSize(1);

        // The token is forgotten once the email is queued; the address is kept only encrypted.
        Map<String, Object> row = row(consultation);
        assertThat(row.get("login_token")).isNull();
        assertThat(row.get("queued_at")).isNotNull();
        assertThat((String) row.get("recipient")).startsWith("v1:").doesNotContain(patient);
    }

    @Test
    void signedRecordThenLinkSendsOneEmailInThePatientsLanguage() {
        String patient = email("summary-en");
        long patientId = nextId();
        long consultation = nextId();
        feed.publish(Topics.CLINICAL, patientId, signed(consultation, patientId));
        awaitRow(consultation);
        PatientLoginLinkIssued summaryLink = new PatientLoginLinkIssued(patientId, consultation,
                seal.seal("patient.login-link.issued", "sealed_email", patient), "en",
                seal.seal("patient.login-link.issued", "sealed_token", "en-token"), Instant.now().plus(Duration.ofDays(7)),
                PatientLoginLinkIssued.VISIT_SUMMARY);
        EventEnvelope once = EventEnvelope.wrap(summaryLink, "test", Instant.now());
        feed.publish(Topics.USERS, patientId, once);
        feed.publish(Topics.USERS, patientId, once);

        Map<String, Object> email = awaitOfType(patient, "visit-summary");
        assertThat(email.get("subject")).isEqualTo("Your visit summary is ready");
        assertThat((List<Object>) email.get("links")).containsExactly("http://web.test/acceso?token=en-token");
        settleAfter(patientId);
        assertThat(messages(patient)).hasSize(1);
    }

    @Test
    void aCompletedConsultationWithoutASignedRecordOrWithAnExpiredLinkSendsNothing() {
        String patient = email("unsigned");
        long patientId = nextId();
        long unsigned = nextId();
        feed.publish(Topics.USERS, patientId,
                link(patientId, unsigned, patient, "kept-token", PatientLoginLinkIssued.VISIT_SUMMARY));
        // A record signed outside any consultation is no visit summary either.
        feed.publish(Topics.CLINICAL, patientId, new ClinicalRecordSigned(nextId(), patientId, 3, null, Instant.now()));

        long expired = nextId();
        feed.publish(Topics.USERS, patientId, new PatientLoginLinkIssued(patientId, expired,
                seal.seal("patient.login-link.issued", "sealed_email", patient), "es",
                seal.seal("patient.login-link.issued", "sealed_token", "old-token"), Instant.now().plusMillis(300),
                PatientLoginLinkIssued.VISIT_SUMMARY));
        awaitRow(expired);
        await().pollDelay(Duration.ofMillis(400)).atMost(WITHIN).until(() -> true);
        feed.publish(Topics.CLINICAL, patientId, signed(expired, patientId));
        settleAfter(patientId);

        assertThat(messages(patient)).isEmpty();
        Map<String, Object> waiting = row(unsigned);
        assertThat(waiting.get("queued_at")).isNull();
        assertThat((String) waiting.get("login_token")).startsWith("v1:").doesNotContain("kept-token");
        assertThat(row(expired).get("login_token")).isNull(); // forgotten all the same
    }

    @Test
    void bothFactsAtTheSameMomentSendExactlyOneEmailPerConsultation() {
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String patient = email("race" + i);
            long patientId = nextId();
            long consultation = nextId();
            patients.add(patient);
            // Different topics, so the two facts are applied side by side.
            feed.publish(Topics.CLINICAL, consultation, signed(consultation, patientId));
            feed.publish(Topics.USERS, patientId,
                    link(patientId, consultation, patient, "race-" + i, PatientLoginLinkIssued.VISIT_SUMMARY));
        }
        for (String patient : patients) {
            awaitOfType(patient, "visit-summary");
        }
        await().pollDelay(Duration.ofSeconds(2)).atMost(WITHIN).until(() -> true);
        assertThat(patients).allSatisfy(patient -> assertThat(messages(patient)).hasSize(1));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /**
     * A complete visit summary published after everything on the patient's keys: once its email is in, the events
     * before it on the same partitions have been applied.
     */
    private void settleAfter(long patientId) {
        String marker = email("marker");
        long consultation = nextId();
        feed.publish(Topics.USERS, patientId,
                link(patientId, consultation, marker, "marker", PatientLoginLinkIssued.VISIT_SUMMARY));
        feed.publish(Topics.CLINICAL, patientId, signed(consultation, patientId));
        awaitOfType(marker, "visit-summary");
    }

    private PatientLoginLinkIssued link(long patientId, long consultation, String to, String token, String purpose) {
        return new PatientLoginLinkIssued(patientId, consultation,
                seal.seal("patient.login-link.issued", "sealed_email", to), "es",
                seal.seal("patient.login-link.issued", "sealed_token", token), Instant.now().plus(Duration.ofDays(7)),
                purpose);
    }

    private static ClinicalRecordSigned signed(long consultation, long patientId) {
        return new ClinicalRecordSigned(nextId(), patientId, 3, consultation, Instant.now());
    }

    private ConsultationConfirmed confirmed(long id, long patientId, String patient, Instant at) {
        return new ConsultationConfirmed(id, patientId, 3, "Dermatología", at, 30, 4500, "eur",
                seal.seal("consultation.confirmed", "sealed_patient_email", patient),
                seal.seal("consultation.confirmed", "sealed_patient_name", "Paula Ruiz"), "Dr. Luis Gil", "es",
                "Europe/Madrid", seal.seal("consultation.confirmed", "sealed_manage_token", "manage"), "online");
    }

    private List<Map<String, Object>> messages(String to) {
        return web.get().uri(b -> b.path("/dev/mailbox/api/messages").queryParam("to", to).build()).exchange()
                .expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> awaitMessages(String to, int count) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> messages(to).size() >= count);
        return messages(to);
    }

    private List<Map<String, Object>> ofType(String to, String type) {
        return messages(to).stream().filter(m -> type.equals(m.get("type"))).toList();
    }

    private Map<String, Object> awaitOfType(String to, String type) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> !ofType(to, type).isEmpty());
        return ofType(to, type).get(0);
    }

    private Map<String, Object> row(long consultation) {
        return db.sql("select * from visit_summaries where consultation_id = :id").bind("id", consultation)
                .fetch().one().block();
    }

    private void awaitRow(long consultation) {
        await().atMost(WITHIN).until(() -> db.sql("select count(*) as n from visit_summaries where consultation_id = :id")
                .bind("id", consultation).map(r -> r.get("n", Long.class)).one().block() == 1L);
    }
}
