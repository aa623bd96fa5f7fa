package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

/**
 * Who may see what: a doctor only their own consultations and patients, a patient only their own, admins all.
 * Every endpoint that takes an id answers the same 404 to a caller who does not own it as for an id that does
 * not exist, so existence never leaks across owners.
 */
@ServiceTest
class AccessMatrixIT extends BookingTestSupport {

    long doctorA;
    long doctorB;
    long consultationA;
    long consultationB;
    long patientA;
    long patientB;

    @BeforeEach
    void twoDoctorsWithOnePatientEach() {
        doctorA = doctor("Cardiología", "Europe/Madrid");
        doctorB = doctor("Cardiología", "Europe/Madrid");
        consultationA = bookOk(doctorA, slot(doctorA, 0), email("pa"));
        consultationB = bookOk(doctorB, slot(doctorB, 0), email("pb"));
        patientA = patientOf(consultationA);
        patientB = patientOf(consultationB);
    }

    record Call(HttpMethod method, String path, Object body) {
    }

    /** Every endpoint that takes a consultation id, for a given id. */
    private List<Call> consultationCalls(long id, long ownerDoctor) {
        Map<String, Object> move = Map.of("scheduled_at", slot(ownerDoctor, 3).toString());
        return List.of(
                new Call(HttpMethod.GET, "/api/v1/consultations/" + id, null),
                new Call(HttpMethod.GET, "/api/v1/doctor/consultations/" + id, null),
                new Call(HttpMethod.PATCH, "/api/v1/doctor/consultations/" + id, Map.of("notes", "x")),
                new Call(HttpMethod.PUT, "/api/v1/payments/consultations/" + id, Map.of("status", "cancelled")),
                new Call(HttpMethod.POST, "/api/v1/consultations/me/" + id + "/cancel", Map.of()),
                new Call(HttpMethod.POST, "/api/v1/consultations/me/" + id + "/reschedule", move),
                new Call(HttpMethod.GET, "/api/v1/admin/consultations/" + id, null),
                new Call(HttpMethod.PATCH, "/api/v1/admin/consultations/" + id, Map.of("notes", "x")));
    }

    private int status(Call call, String token) {
        WebTestClient.RequestBodySpec spec = web.method(call.method()).uri(call.path())
                .headers(h -> h.setBearerAuth(token));
        WebTestClient.ResponseSpec response = call.body() == null ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body()).exchange();
        var result = response.expectBody(String.class).returnResult();
        int code = result.getStatus().value();
        if (code >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                    .satisfies(t -> assertThat(t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            assertThat(result.getResponseBody()).doesNotContain("Ana Paciente").doesNotContain("@example.test");
        }
        return code;
    }

    @Test
    void aDoctorCannotReachAnotherDoctorsConsultations() {
        String tokenA = TestTokens.mint("specialist", doctorA);
        for (Call call : consultationCalls(consultationB, doctorB)) {
            int code = status(call, tokenA);
            boolean doctorEndpoint = call.path().startsWith("/api/v1/doctor/") || call.path().startsWith("/api/v1/consultations/" + consultationB)
                    || call.path().startsWith("/api/v1/payments/");
            assertThat(code).as("%s %s", call.method(), call.path()).isEqualTo(doctorEndpoint ? 404 : 403);
            // The same call on an id that does not exist answers the same.
            Call missing = new Call(call.method(), call.path().replace(String.valueOf(consultationB), "999999999"), call.body());
            assertThat(status(missing, tokenA)).as("missing %s", call.path()).isEqualTo(code);
        }
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/doctor/consultations/" + consultationA, null), tokenA)).isEqualTo(200);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/doctor/agenda?doctor_id=" + doctorB, null), tokenA)).isEqualTo(404);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/patients/" + patientB, null), tokenA)).isEqualTo(403);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/patients", null), tokenA)).isEqualTo(403);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/consultations", null), tokenA)).isEqualTo(403);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/consultations/me", null), tokenA)).isEqualTo(403);
        assertThat(status(consultationB)).isEqualTo("pending_payment");
    }

    @Test
    void aPatientCannotReachAnotherPatientsConsultationsOrData() {
        String tokenA = TestTokens.mint("patient", patientA);
        for (Call call : consultationCalls(consultationB, doctorB)) {
            int code = status(call, tokenA);
            boolean patientEndpoint = call.path().startsWith("/api/v1/consultations/") || call.path().startsWith("/api/v1/payments/");
            assertThat(code).as("%s %s", call.method(), call.path()).isEqualTo(patientEndpoint ? 404 : 403);
            Call missing = new Call(call.method(), call.path().replace(String.valueOf(consultationB), "999999999"), call.body());
            assertThat(status(missing, tokenA)).as("missing %s", call.path()).isEqualTo(code);
        }
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/consultations/" + consultationA, null), tokenA)).isEqualTo(200);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/patients/" + patientB, null), tokenA)).isEqualTo(403);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/doctor/patients", null), tokenA)).isEqualTo(403);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/doctor/agenda", null), tokenA)).isEqualTo(403);
        assertThat(status(consultationB)).isEqualTo("pending_payment");
    }

    /** it_admin reads but never changes: every write is the same 403 whether the id exists or not. */
    @Test
    void anItAdminChangesNothingAndLearnsNoIdFromARefusedWrite() {
        String it = TestTokens.mint("it_admin", 1);
        List<Call> real = consultationCalls(consultationA, doctorA);
        List<Call> missing = consultationCalls(999_999_999L, doctorA);
        for (int i = 0; i < real.size(); i++) {
            Call call = real.get(i);
            if (call.method() == HttpMethod.GET || call.path().contains("/me/") || call.path().contains("/doctor/")) {
                continue;
            }
            int code = status(call, it);
            assertThat(code).as("%s %s", call.method(), call.path()).isEqualTo(403);
            assertThat(status(missing.get(i), it)).as("missing %s", call.path()).isEqualTo(code);
        }
        assertThat(status(consultationA)).isEqualTo("pending_payment");
    }

    @Test
    void listsOnlyEverShowTheCallersOwn() {
        Function<String, String> body = token -> web.get().uri("/api/v1/doctor/consultations")
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String doctorAList = body.apply(TestTokens.mint("specialist", doctorA));
        assertThat(doctorAList).contains("\"id\":" + consultationA).doesNotContain("\"id\":" + consultationB);

        pay(consultationA); // the patient comes into doctor A's care
        awaitStatus(consultationA, "confirmed");
        web.get().uri("/api/v1/doctor/patients").headers(h -> h.setBearerAuth(TestTokens.mint("specialist", doctorA)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(patientA)
                .jsonPath("$.items[0].email").value(v -> assertThat((String) v).startsWith("pa-"));

        web.get().uri("/api/v1/consultations/me").headers(h -> h.setBearerAuth(TestTokens.mint("patient", patientA)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(consultationA)
                .jsonPath("$.items[0].notes").doesNotExist();

        // The spec's list of consultations with payments: scoped to the caller whatever filter they pass.
        web.get().uri("/api/v1/payments/consultations?doctor_id=" + doctorB)
                .headers(h -> h.setBearerAuth(TestTokens.mint("specialist", doctorA))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(consultationA)
                .jsonPath("$.items[0].payment_status").isEqualTo("paid")
                .jsonPath("$.items[0].amount").isNumber();
        web.get().uri("/api/v1/payments/consultations?patient_id=" + patientB)
                .headers(h -> h.setBearerAuth(TestTokens.mint("patient", patientA))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(consultationA);
        web.get().uri("/api/v1/payments/consultations?payment_status=unpaid&doctor_id=" + doctorB)
                .headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(consultationB);
        web.get().uri("/api/v1/payments/consultations?payment_status=paid&doctor_id=" + doctorB)
                .headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        web.get().uri("/api/v1/payments/consultations?payment_status=whatever")
                .headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        // Admins see both; it_admin reads too.
        for (String role : List.of("admin", "medical_admin", "it_admin")) {
            String token = TestTokens.mint(role, 1);
            assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/consultations/" + consultationB, null), token)).isEqualTo(200);
            assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/patients/" + patientA, null), token)).isEqualTo(200);
        }
        // Every read of patient data left an audit row naming actor and patient.
        long audited = db.sql("select count(*) as n from audit_log where patient_id = :p and actor = :a and action = 'read'")
                .bind("p", patientA).bind("a", "1").map(r -> r.get("n", Long.class)).one().block();
        assertThat(audited).isGreaterThanOrEqualTo(3);
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/consultations/" + consultationB, null),
                TestTokens.mint("specialist", doctorA))).isEqualTo(404);
        long denied = db.sql("select count(*) as n from audit_log where outcome = 'denied' and resource = :r")
                .bind("r", "consultation:" + consultationB).map(r -> r.get("n", Long.class)).one().block();
        assertThat(denied).isEqualTo(1);
    }

    @Test
    void aDoctorLearnsNoIdentityOfAPatientOutsideTheirCare() {
        // Patient B is in doctor B's care, with details doctor A must never read.
        String victimEmail = email("victim");
        Map<String, Object> victim = bookingBody(doctorB, slot(doctorB, 1), victimEmail);
        victim.put("full_name", "Victoria Reservada");
        victim.put("phone", "+34 611 222 333");
        long paid = ((Number) book(victim).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("consultation_id")).longValue();
        pay(paid);
        awaitStatus(paid, "confirmed");
        long victimId = patientOf(paid);
        String tokenA = TestTokens.mint("specialist", doctorA);
        long before = consultationsOf(victimId);

        // By id (sequential): the same 404 as a patient who does not exist, and nothing is stored.
        for (long id : new long[] { victimId, 999_999_999L }) {
            WebTestClient.ResponseSpec refused = web.post().uri("/api/v1/consultations")
                    .headers(h -> h.setBearerAuth(tokenA)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("patient_id", id, "doctor_id", doctorA,
                            "scheduled_at", slot(doctorA, 2).toString()))
                    .exchange();
            refused.expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("Patient not found");
        }
        assertThat(consultationsOf(victimId)).isEqualTo(before);

        // By typed details with the victim's email: booked as if new, but nothing stored about the victim is shown.
        Map<String, Object> typed = new java.util.HashMap<>(Map.of("doctor_id", doctorA,
                "scheduled_at", slot(doctorA, 2).toString(), "full_name", "Someone Typed", "email", victimEmail,
                "phone", "+34 600 000 000"));
        String answer = web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(tokenA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(typed).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"consultation_id\":(\\d+)").matcher(answer);
        assertThat(id.find()).isTrue();
        long booked = Long.parseLong(id.group(1));
        String seen = answer
                + get("/api/v1/doctor/patients", tokenA)
                + get("/api/v1/doctor/consultations", tokenA)
                + get("/api/v1/doctor/consultations/" + booked, tokenA)
                + get("/api/v1/consultations/" + booked, tokenA)
                + get("/api/v1/payments/consultations", tokenA);
        assertThat(seen).doesNotContain("Victoria Reservada").doesNotContain("611 222 333")
                .doesNotContain("\"id\":" + victimId + ",");
        // The consultation names its doctor's licence number (printed on clinical documents).
        assertThat(get("/api/v1/consultations/" + booked, tokenA)).contains("\"doctor_license_number\":\"LIC-" + doctorA + "\"");
        assertThat(status(new Call(HttpMethod.GET, "/api/v1/admin/patients/" + victimId, null), tokenA))
                .isEqualTo(403);

        // The same patient by id is refused until they are in doctor A's care (a paid consultation), then allowed.
        assertThat(web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(tokenA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("patient_id", victimId, "doctor_id", doctorA,
                        "scheduled_at", slot(doctorA, 3).toString()))
                .exchange().expectBody(String.class).returnResult().getStatus().value()).isEqualTo(404);
        pay(booked);
        awaitStatus(booked, "confirmed");
        web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(tokenA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("patient_id", victimId, "doctor_id", doctorA,
                        "scheduled_at", slot(doctorA, 3).toString()))
                .exchange().expectStatus().isCreated();
        assertThat(get("/api/v1/doctor/patients", tokenA)).contains("Victoria Reservada");
    }

    private String get(String path, String token) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private long consultationsOf(long patientId) {
        return db.sql("select count(*) as n from consultations where patient_id = :p").bind("p", patientId)
                .map(r -> r.get("n", Long.class)).one().block();
    }
}
