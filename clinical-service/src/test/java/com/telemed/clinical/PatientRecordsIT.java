package com.telemed.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * The patient reads the signed records of their own consultation, and nothing else: not drafts, not records entered
 * in error, not another consultation's; another patient and an unknown id get the same 404, staff 403.
 */
@ServiceTest
class PatientRecordsIT extends ClinicalTestSupport {

    long doctor;
    long patient;
    long consultation;
    String doctorToken;
    String patientToken;

    @BeforeEach
    void aConsultationWithRecords() {
        doctor = nextId();
        patient = nextId();
        consultation = confirmed(doctor, patient);
        doctorToken = doctorToken(doctor);
        patientToken = TestTokens.mint("patient", patient);
    }

    @Test
    void thePatientReadsTheSignedAndAmendedRecordsOfTheirConsultationOnly() {
        long signed = signedRecord(consultation, "Cefalea tensional");
        call(HttpMethod.POST, record(patient, signed) + "/addenda", doctorToken, Map.of("text", "Mejora a los 3 días"))
                .expectStatus().isCreated();
        long second = signedRecord(consultation, "Lumbalgia");
        created(patient, doctorToken, Map.of("consultation_id", consultation, "chief_complaint", "Borrador privado"));
        long withdrawn = signedRecord(consultation, "Texto retirado");
        call(HttpMethod.DELETE, record(patient, withdrawn), doctorToken, Map.of("reason", "Paciente equivocado"))
                .expectStatus().isOk();
        long otherConsultation = confirmed(doctor, patient);
        signedRecord(otherConsultation, "Otra consulta");
        signedRecord(null, "Sin consulta");

        JsonNode page = call(HttpMethod.GET, path(consultation), patientToken, null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(page.get("total").asLong()).isEqualTo(2);
        List<Long> ids = page.get("items").valueStream().map(r -> r.get("id").asLong()).toList();
        assertThat(ids).containsExactly(signed, second);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("status").asString()).isEqualTo("amended");
        assertThat(first.get("chief_complaint").asString()).isEqualTo("Cefalea tensional");
        assertThat(first.get("addenda").get(0).get("text").asString()).isEqualTo("Mejora a los 3 días");
        assertThat(page.toString()).doesNotContain("Borrador privado", "Texto retirado", "Paciente equivocado",
                "Otra consulta", "Sin consulta");
        assertThat(count("select count(*) from audit_log where patient_id = " + patient
                + " and resource = 'consultation-records:" + consultation + "' and action = 'read'"
                + " and outcome = 'success' and actor_role = 'patient'")).isEqualTo(1);
    }

    @Test
    void anotherPatientAndAnUnknownIdGetTheSame404AndStaffGet403() {
        signedRecord(consultation, "Cefalea");
        long otherPatient = nextId();
        confirmed(doctor, otherPatient);

        for (String p : List.of(path(consultation), path(nextId()))) {
            String token = p.equals(path(consultation)) ? TestTokens.mint("patient", otherPatient) : patientToken;
            call(HttpMethod.GET, p, token, null).expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found");
        }
        for (String role : List.of("specialist", "admin", "medical_admin", "it_admin")) {
            call(HttpMethod.GET, path(consultation), TestTokens.mint(role, doctor), null).expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        call(HttpMethod.GET, path(consultation), null, null).expectStatus().isUnauthorized();
        call(HttpMethod.GET, "/api/v1/patient/consultations/abc/records", patientToken, null)
                .expectStatus().isBadRequest();
        assertThat(count("select count(*) from audit_log where resource = 'consultation-records:" + consultation
                + "' and outcome = 'denied'")).isEqualTo(5);
    }

    @Test
    void aConsultationWithoutSignedRecordsIsAnEmptyList() {
        created(patient, doctorToken, Map.of("consultation_id", consultation, "chief_complaint", "Aún sin firmar"));

        call(HttpMethod.GET, path(consultation), patientToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0).jsonPath("$.items.length()").isEqualTo(0);
    }

    private long signedRecord(Long consultationId, String chiefComplaint) {
        Map<String, Object> body = consultationId == null ? Map.of("chief_complaint", chiefComplaint)
                : Map.of("consultation_id", consultationId, "chief_complaint", chiefComplaint);
        long id = created(patient, doctorToken, body).get("id").asLong();
        call(HttpMethod.POST, record(patient, id) + "/sign", doctorToken, null).expectStatus().isOk();
        return id;
    }

    private static String path(long consultationId) {
        return "/api/v1/patient/consultations/" + consultationId + "/records";
    }
}
