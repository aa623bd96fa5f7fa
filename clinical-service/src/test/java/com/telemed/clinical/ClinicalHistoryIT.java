package com.telemed.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * The clinical history end to end on real PostgreSQL and Kafka: who may reach it (care relationships from booking's
 * events), the draft → signed → amended / entered-in-error life, bad input, encryption at rest and the audit chain.
 */
@ServiceTest
class ClinicalHistoryIT extends ClinicalTestSupport {

    private static final String SECRET = "Dolor torácico opresivo irradiado al brazo izquierdo";

    @Autowired
    AuditLog auditLog;

    long doctor;
    long otherDoctor;
    long patient;
    long consultation;
    String token;

    @BeforeEach
    void aDoctorWhoTreatsAPatient() {
        doctor = nextId();
        otherDoctor = nextId();
        patient = nextId();
        consultation = confirmed(doctor, patient);
        confirmed(otherDoctor, nextId());
        token = doctorToken(doctor);
    }

    @Test
    void onlyTheTreatingDoctorReachesTheHistoryAndEveryoneElseGetsTheSameAnswerAsForNobody() {
        long recordId = created(patient, token, Map.of("chief_complaint", "Cefalea")).get("id").asLong();
        long unknownPatient = nextId();
        List<String> paths = List.of("/api/v1/doctor/patients/" + patient, history(patient),
                record(patient, recordId) + "/sign");

        call(HttpMethod.GET, history(patient), token, null).expectStatus().isOk();
        call(HttpMethod.GET, "/api/v1/doctor/patients/" + patient, token, null).expectStatus().isOk();
        for (String path : paths) {
            HttpMethod method = path.endsWith("/sign") ? HttpMethod.POST : HttpMethod.GET;
            String unknown = path.replace("/" + patient, "/" + unknownPatient);
            for (String p : List.of(path, unknown)) {
                String other = doctorToken(otherDoctor);
                call(method, p, other, null).expectStatus().isNotFound()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found");
            }
            call(method, unknown, token, null).expectStatus().isNotFound();
            for (String role : List.of("admin", "medical_admin", "it_admin")) {
                call(method, path, TestTokens.mint(role, nextId()), null).expectStatus().isForbidden()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
            call(method, path, TestTokens.mint("patient", patient), null).expectStatus().isForbidden();
            call(method, path, null, null).expectStatus().isUnauthorized();
        }
        assertThat(count("select count(*) from audit_log where patient_id = " + patient + " and outcome = 'denied'"))
                .isGreaterThanOrEqualTo(15);
        assertThat(count("select count(*) from clinical_records where patient_id = " + patient + " and status = 'draft'"))
                .isEqualTo(1);
    }

    @Test
    void theDoctorsOwnDraftsAreListedForTheDashboardAndNobodyElses() {
        long doctor = nextId();
        long first = nextId();
        long second = nextId();
        confirmed(doctor, first);
        confirmed(doctor, second);
        String own = doctorToken(doctor);
        long draftA = created(first, own, Map.of("chief_complaint", "Borrador A")).get("id").asLong();
        long draftB = created(second, own, Map.of("chief_complaint", "Borrador B")).get("id").asLong();
        long signed = created(second, own, Map.of("chief_complaint", "Firmado")).get("id").asLong();
        call(HttpMethod.POST, record(second, signed) + "/sign", own, null).expectStatus().isOk();
        // Another doctor's draft of the same patient is not listed.
        long other = nextId();
        confirmed(other, first);
        created(first, doctorToken(other), Map.of("chief_complaint", "Ajeno"));

        JsonNode page = call(HttpMethod.GET, "/api/v1/doctor/records/drafts?size=1", own, null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        JsonNode all = call(HttpMethod.GET, "/api/v1/doctor/records/drafts", own, null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<JsonNode> items = new java.util.ArrayList<>();
        all.get("items").forEach(items::add);
        assertThat(items.stream().map(i -> i.get("chief_complaint").asString()).toList())
                .containsExactlyInAnyOrder("Borrador A", "Borrador B");
        assertThat(items.stream().map(i -> i.get("id").asLong()).toList()).containsExactlyInAnyOrder(draftA, draftB);
        call(HttpMethod.GET, "/api/v1/doctor/records/drafts", TestTokens.mint("admin", 1), null)
                .expectStatus().isForbidden();
    }

    @Test
    void aConfirmationWithTheIdentityWithheldGrantsNoAccess() {
        long doctor = nextId();
        long stranger = nextId();
        long consultationId = nextId();
        publish(consultationId, new ConsultationConfirmed(consultationId, stranger, doctor, "Medicina general",
                Instant.now(), 30, 0, "eur", "sealed-email", "sealed-name", "Dra. Prueba", "es", "Europe/Madrid",
                "sealed", ConsultationConfirmed.FREE, true));
        // A later, ordinary event with the same key (same partition) proves the withheld one was consumed first.
        long marker = nextId();
        publish(consultationId, new ConsultationConfirmed(marker, nextId(), doctor, "Medicina general",
                Instant.now(), 30, 4500, "eur", "sealed-email", "sealed-name", "Dra. Prueba", "es", "Europe/Madrid",
                "sealed", ConsultationConfirmed.ONLINE));
        await().atMost(WITHIN).until(() -> count("select count(*) from care_relationships where consultation_id = "
                + marker) == 1);
        assertThat(count("select count(*) from care_relationships where consultation_id = " + consultationId))
                .isZero();
        call(HttpMethod.GET, history(stranger), doctorToken(doctor), null).expectStatus().isNotFound();
    }

    @Test
    void aCancelledConsultationGivesNoAccessButHistoryAlreadyWrittenStaysReachable() {
        long newDoctor = nextId();
        long newPatient = nextId();
        long c = confirmed(newDoctor, newPatient);
        created(newPatient, doctorToken(newDoctor), Map.of("chief_complaint", "Tos"));
        cancelled(c, newDoctor, newPatient);
        call(HttpMethod.GET, history(newPatient), doctorToken(newDoctor), null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);

        long lateDoctor = nextId();
        long latePatient = nextId();
        cancelled(confirmed(lateDoctor, latePatient), lateDoctor, latePatient);
        call(HttpMethod.GET, history(latePatient), doctorToken(lateDoctor), null).expectStatus().isNotFound();
    }

    @Test
    void aRecordIsWrittenSignedLockedAndAmendedAndAnnouncedWithIdsOnly() {
        JsonNode draft = created(patient, token, Map.of("consultation_id", consultation, "chief_complaint", SECRET,
                "plan", "Reposo", "allergies", List.of(Map.of("substance", "Penicilina", "reaction", "Urticaria",
                        "severity", "Severe")),
                "medications", List.of(Map.of("name", "Ibuprofeno", "dose", "400 mg", "frequency", "cada 8 h",
                        "route", "oral"))));
        long id = draft.get("id").asLong();
        assertThat(draft.get("status").asString()).isEqualTo("draft");
        assertThat(draft.get("consultation_id").asLong()).isEqualTo(consultation);
        assertThat(draft.get("author").get("full_name").asString()).isEqualTo("Dra. Prueba " + doctor);
        assertThat(draft.get("allergies").get(0).get("severity").asString()).isEqualTo("severe");

        call(HttpMethod.PUT, record(patient, id), token, Map.of("assessment", "Probable origen muscular"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.assessment").isEqualTo("Probable origen muscular")
                .jsonPath("$.plan").isEqualTo("Reposo");
        call(HttpMethod.POST, record(patient, id) + "/sign", doctorToken(otherDoctor), null).expectStatus().isNotFound();
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("signed").jsonPath("$.signed_at").exists();

        call(HttpMethod.PUT, record(patient, id), token, Map.of("plan", "Otro"))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/record-signed");
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isEqualTo(409);
        call(HttpMethod.POST, record(patient, id) + "/addenda", token, Map.of("text", "Mejoría a las 48 h"))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("amended")
                .jsonPath("$.plan").isEqualTo("Reposo")
                .jsonPath("$.addenda[0].text").isEqualTo("Mejoría a las 48 h")
                .jsonPath("$.addenda[0].author.id").isEqualTo(doctor)
                .jsonPath("$.addenda[0].created_at").exists();

        publish(consultation, new ConsultationCompleted(consultation, patient, doctor, Instant.now().minusSeconds(600),
                Instant.now()));
        await().atMost(WITHIN).until(() -> count("select count(*) from care_relationships where consultation_id = "
                + consultation + " and status = 'completed'") == 1);
        call(HttpMethod.GET, "/api/v1/doctor/patients/" + patient, token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.consultations[0].status").isEqualTo("completed")
                .jsonPath("$.allergies[0].substance").isEqualTo("Penicilina")
                .jsonPath("$.medications[0].name").isEqualTo("Ibuprofeno")
                .jsonPath("$.consultations[0].consultation_id").isEqualTo(consultation)
                .jsonPath("$.records_count").isEqualTo(1);

        String created = outboxPayload(id, "clinical-record.created");
        String signed = outboxPayload(id, "clinical-record.signed");
        for (String payload : List.of(created, signed)) {
            assertThat(payload).contains("\"patient_id\": " + patient)
                    .doesNotContain("Dolor").doesNotContain("Reposo").doesNotContain("Penicilina");
        }
    }

    @Test
    void aDraftIsRemovedButASignedRecordIsEnteredInErrorWithAReasonAndKept() {
        long draft = created(patient, token, Map.of("chief_complaint", "Borrador")).get("id").asLong();
        call(HttpMethod.DELETE, record(patient, draft), token, null).expectStatus().isNoContent();
        assertThat(count("select count(*) from clinical_records where id = " + draft)).isZero();

        long id = created(patient, token, Map.of("chief_complaint", "Firmado")).get("id").asLong();
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isOk();
        call(HttpMethod.DELETE, record(patient, id), token, null).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/reason-required");
        call(HttpMethod.DELETE, record(patient, id), token, Map.of("reason", "Paciente equivocado"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("entered_in_error")
                .jsonPath("$.entered_in_error_reason").isEqualTo("Paciente equivocado");
        call(HttpMethod.GET, history(patient), token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].status").isEqualTo("entered_in_error")
                .jsonPath("$.total").isEqualTo(1);
        call(HttpMethod.POST, record(patient, id) + "/addenda", token, Map.of("text", "x")).expectStatus().isEqualTo(409);
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String big = "x".repeat(20_001);
        call(HttpMethod.POST, history(patient), token, Map.of("chief_complaint", big)).expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        call(HttpMethod.POST, history(patient), token, Map.of("allergies", "penicilina")).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        call(HttpMethod.POST, history(patient), token, Map.of("chief_complaint", List.of(1, 2))).expectStatus()
                .isBadRequest();
        call(HttpMethod.POST, history(patient), token, Map.of("allergies",
                List.of(Map.of("substance", "Polen", "severity", "terrible")))).expectStatus().isEqualTo(422);
        call(HttpMethod.POST, history(patient), token, Map.of("template_id", 999_999_999L)).expectStatus()
                .isEqualTo(422);
        call(HttpMethod.POST, history(patient), token, Map.of("consultation_id", 999_999_999L)).expectStatus()
                .isEqualTo(422);
        assertThat(count("select count(*) from clinical_records where patient_id = " + patient)).isZero();

        long id = created(patient, token, Map.of("background", "Sin antecedentes", "unknown_field", true))
                .get("id").asLong();
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/chief-complaint-required");
        call(HttpMethod.PUT, record(patient, id), token, Map.of("plan", big)).expectStatus().isEqualTo(422);
        call(HttpMethod.POST, record(patient, id) + "/addenda", token, Map.of("text", "x")).expectStatus().isEqualTo(409);
        call(HttpMethod.GET, history(patient) + "?size=0", token, null).expectStatus().isBadRequest();
        call(HttpMethod.GET, record(patient, id), token, null).expectStatus().isEqualTo(405);
    }

    @Test
    void historyIsNewestFirstPagedAndSearchedByChiefComplaint() {
        for (String cc : List.of("Dolor lumbar", "Fiebre", "Dolor de garganta")) {
            created(patient, token, Map.of("chief_complaint", cc));
        }
        call(HttpMethod.GET, history(patient) + "?size=2", token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(3).jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].chief_complaint").isEqualTo("Dolor de garganta");
        call(HttpMethod.GET, history(patient) + "?q=DOLOR", token, null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2);
        call(HttpMethod.GET, history(patient) + "?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z", token, null)
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);

        // Another treating doctor sees signed records only, never someone else's drafts.
        long colleague = nextId();
        confirmed(colleague, patient);
        call(HttpMethod.GET, history(patient), doctorToken(colleague), null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void clinicalTextIsEncryptedAtRest() {
        long id = created(patient, token, Map.of("chief_complaint", SECRET, "background", "Fumador de 20 cigarrillos",
                "allergies", List.of(Map.of("substance", "Látex", "severity", "mild")))).get("id").asLong();
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isOk();
        call(HttpMethod.POST, record(patient, id) + "/addenda", token, Map.of("text", "Addendum secreto"))
                .expectStatus().isCreated();

        String raw = db.sql("""
                        select r.chief_complaint || r.background || r.allergies || r.medications || a.text as raw
                          from clinical_records r join clinical_addenda a on a.record_id = r.id where r.id = :id""")
                .bind("id", id).map(row -> row.get("raw", String.class)).one().block(Duration.ofSeconds(10));
        assertThat(raw).isNotBlank().contains("v1:")
                .doesNotContain("Dolor").doesNotContain("Fumador").doesNotContain("Látex").doesNotContain("secreto");
    }

    @Test
    void everyReadAndWriteIsInTheHashChainedAuditLog() {
        long id = created(patient, token, Map.of("chief_complaint", "Revisión")).get("id").asLong();
        web.get().uri(history(patient)).headers(h -> h.setBearerAuth(token)).header("X-Request-Id", "req-audit-1")
                .exchange().expectStatus().isOk();
        call(HttpMethod.POST, record(patient, id) + "/sign", token, null).expectStatus().isOk();

        assertThat(count("select count(*) from audit_log where resource = 'clinical-record:" + id
                + "' and action in ('create', 'sign') and outcome = 'success' and actor = '" + doctor + "'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from audit_log where resource = 'clinical-history:" + patient
                + "' and action = 'read' and request_id = 'req-audit-1'")).isEqualTo(1);
        await().atMost(WITHIN).until(() -> {
            auditLog.chain().block(Duration.ofSeconds(10));
            return count("select count(*) from audit_log where chain_seq is null") == 0;
        });
        assertThat(auditLog.verify().blockOptional(Duration.ofSeconds(10))).isEmpty();
    }

    private String outboxPayload(long recordId, String type) {
        return db.sql("""
                        select payload::text as p from outbox
                         where event_type = :type and payload -> 'data' ->> 'record_id' = :id""")
                .bind("type", type).bind("id", Long.toString(recordId))
                .map(row -> row.get("p", String.class)).one().block(Duration.ofSeconds(10));
    }
}
