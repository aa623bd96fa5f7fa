package com.telemed.auth.patientlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.PatientLoginLinkIssued;

class PatientLoginLinkIT extends AuthIntegrationTest {

    private ConsultationBooked booked(long consultationId, long patientId, Instant at) {
        return new ConsultationBooked(consultationId, patientId, 3, "Cardiología", at, 30, 4500, "eur",
                Instant.now().plus(Duration.ofMinutes(15)),
                seal.seal("consultation.booked", "sealed_patient_email", "paciente@correo.test"),
                seal.seal("consultation.booked", "sealed_patient_name", "Ana Paciente"), "es", "Europe/Madrid",
                "Dr. Juan Pérez");
    }

    private ConsultationConfirmed confirmed(long consultationId, long patientId, Instant at) {
        return new ConsultationConfirmed(consultationId, patientId, 3, "Cardiología", at, 30, 4500, "eur",
                seal.seal("consultation.confirmed", "sealed_patient_email", "paciente@correo.test"),
                seal.seal("consultation.confirmed", "sealed_patient_name", "Ana Paciente"), "Dra. X", "es",
                "Europe/Madrid", "sealed", "online");
    }

    @Test
    void noLinkBeforePaymentThenOneSingleUseLinkThatOpensAPatientSession() {
        long consultationId = System.nanoTime() % 1_000_000_000L;
        long patientId = 77_000 + consultationId % 1000;
        Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        // A booking pending payment gets no link (anyone may book with any address): published first on the same
        // key, so it has been handled by the time the confirmation's link appears.
        long unpaid = consultationId + 1;
        publish(booked(unpaid, patientId, at), consultationId);

        ConsultationConfirmed confirmed = confirmed(consultationId, patientId, at);
        publish(confirmed, consultationId);
        publish(confirmed, consultationId); // redelivered: still one link

        PatientLoginLinkIssued issued = awaitEvent(PatientLoginLinkIssued.class,
                e -> e.consultationId() == consultationId);
        assertThat(issued.patientId()).isEqualTo(patientId);
        assertThat(issued.expiresAt()).isEqualTo(at.plus(Duration.ofMinutes(30)));
        assertThat(seal.open("patient.login-link.issued", "sealed_email", issued.sealedEmail()))
                .isEqualTo("paciente@correo.test");
        String token = seal.open("patient.login-link.issued", "sealed_token", issued.sealedToken());
        assertThat(count("select count(*) from patient_login_links where consultation_id = " + consultationId))
                .isEqualTo(1);
        assertThat(count("select count(*) from patient_login_links where consultation_id = " + unpaid)).isZero();
        assertThat(count("select count(*) from patient_login_links where token_hash = '" + token + "'")).isZero();

        Map<String, Object> session = post("/api/v1/auth/patient-login", Map.of("token", token), 200);
        assertThat(session).containsEntry("role", "patient").containsEntry("redirect_to", "/mis-consultas")
                .doesNotContainKey("refresh_token");
        String payload = new String(Base64.getUrlDecoder().decode(((String) session.get("access_token")).split("\\.")[1]));
        assertThat(payload).contains("\"sub\":\"" + patientId + "\"").contains("\"role\":\"patient\"");
        assertThat(((Number) session.get("expires_in")).longValue()).isEqualTo(900);

        assertProblem(post("/api/v1/auth/patient-login", Map.of("token", token), 401), "invalid-login-link");
        post("/api/v1/auth/patient-login", Map.of("token", "made-up"), 401);
        post("/api/v1/auth/patient-login", Map.of(), 400);
    }

    @Test
    void aLinkStopsWorkingWhenTheConsultationHasEnded() {
        long consultationId = 500_000_000L + System.nanoTime() % 1_000_000L;
        publish(confirmed(consultationId, 88, Instant.now().plus(Duration.ofHours(1))), consultationId);
        PatientLoginLinkIssued issued = awaitEvent(PatientLoginLinkIssued.class,
                e -> e.consultationId() == consultationId);
        String token = seal.open("patient.login-link.issued", "sealed_token", issued.sealedToken());
        db.sql("update patient_login_links set expires_at = now() - interval '1 second' where consultation_id = :id")
                .bind("id", consultationId).fetch().rowsUpdated().block();
        post("/api/v1/auth/patient-login", Map.of("token", token), 401);
    }

    private ConsultationCompleted completed(long consultationId, long patientId, Instant endedAt, String email) {
        return new ConsultationCompleted(consultationId, patientId, 3, endedAt.minus(Duration.ofMinutes(20)), endedAt,
                email == null ? null : seal.seal("consultation.completed", "sealed_patient_email", email), "en");
    }

    @Test
    void aCompletedConsultationGetsOneVisitSummaryLinkBesideTheBookingLink() {
        long consultationId = 600_000_000L + System.nanoTime() % 1_000_000L;
        long patientId = 99_000 + consultationId % 1000;
        // Confirmed for later and completed early: both links are alive at once.
        Instant at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Published first on the same key, so they have been handled when the real link appears: an older
        // producer's event (no sealed address) and a replay of a consultation that ended long ago issue nothing.
        long withoutAddress = consultationId + 1;
        long longAgo = consultationId + 2;
        publish(completed(withoutAddress, patientId, ended, null), consultationId);
        publish(completed(longAgo, patientId, Instant.now().minus(Duration.ofDays(8)), "paciente@correo.test"),
                consultationId);

        publish(confirmed(consultationId, patientId, at), consultationId);
        ConsultationCompleted done = completed(consultationId, patientId, ended, "paciente@correo.test");
        publish(done, consultationId);
        publish(done, consultationId); // redelivered: still one visit-summary link

        PatientLoginLinkIssued bookingLink = awaitEvent(PatientLoginLinkIssued.class,
                e -> e.consultationId() == consultationId && !e.forVisitSummary());
        assertThat(bookingLink.purpose()).isNull();
        assertThat(bookingLink.expiresAt()).isEqualTo(at.plus(Duration.ofMinutes(30)));

        PatientLoginLinkIssued summaryLink = awaitEvent(PatientLoginLinkIssued.class,
                e -> e.consultationId() == consultationId && e.forVisitSummary());
        assertThat(summaryLink.purpose()).isEqualTo(PatientLoginLinkIssued.VISIT_SUMMARY);
        assertThat(summaryLink.patientId()).isEqualTo(patientId);
        assertThat(summaryLink.locale()).isEqualTo("en");
        assertThat(summaryLink.expiresAt()).isEqualTo(ended.plus(Duration.ofDays(7)));
        assertThat(seal.open("patient.login-link.issued", "sealed_email", summaryLink.sealedEmail()))
                .isEqualTo("paciente@correo.test");
        String token = seal.open("patient.login-link.issued", "sealed_token", summaryLink.sealedToken());
        assertThat(count("select count(*) from patient_login_links where consultation_id = " + consultationId
                + " and purpose = 'visit_summary'")).isEqualTo(1);
        assertThat(count("select count(*) from patient_login_links where consultation_id in (" + withoutAddress
                + ", " + longAgo + ")")).isZero();

        // The link signs the patient in even though the consultation has ended; once.
        Map<String, Object> session = post("/api/v1/auth/patient-login", Map.of("token", token), 200);
        assertThat(session).containsEntry("role", "patient").containsEntry("redirect_to", "/mis-consultas");
        String payload = new String(Base64.getUrlDecoder().decode(((String) session.get("access_token")).split("\\.")[1]));
        assertThat(payload).contains("\"sub\":\"" + patientId + "\"");
        assertThat(((Number) session.get("expires_in")).longValue()).isEqualTo(900);
        assertProblem(post("/api/v1/auth/patient-login", Map.of("token", token), 401), "invalid-login-link");
    }
}
