package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.CheckoutToken;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

/**
 * The doctor's workspace: immediate consultations, payment modes, the dashboard, the paged and searchable patient
 * list, consultation list filters and blocks that explain which consultations they cover.
 */
@ServiceTest
class DoctorWorkspaceIT extends BookingTestSupport {

    @Autowired
    EventSeal seal;

    private static String tokenOf(long doctor) {
        return TestTokens.mint("specialist", doctor);
    }

    /** A patient brought into the doctor's care (booked publicly and paid); returns the patient id. */
    private long patientInCare(long doctor, int slotIndex, String name) {
        Map<String, Object> body = bookingBody(doctor, slot(doctor, slotIndex), email("care"));
        body.put("full_name", name);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = book(body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody();
        long id = ((Number) answer.get("consultation_id")).longValue();
        pay(id);
        awaitStatus(id, "confirmed");
        return patientOf(id);
    }

    private WebTestClient.ResponseSpec create(long doctor, Map<String, Object> body) {
        return web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(tokenOf(doctor)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> createOk(long doctor, Map<String, Object> body) {
        return create(doctor, body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private long count(String sql, long param) {
        return db.sql(sql).bind("p", param).map(r -> r.get("n", Long.class)).one().block();
    }

    private String paymentStatus(long id) {
        return db.sql("select payment_status from consultations where id = :id").bind("id", id)
                .map(r -> r.get("payment_status", String.class)).one().block();
    }

    @Test
    void anImmediateConsultationAtTheClinicIsConfirmedNowAndAnOverlapIsRefused() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long patient = patientInCare(doctor, 0, "Carmen Inmediata");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        Map<String, Object> answer = createOk(doctor, Map.of("patient_id", patient, "immediate", true,
                "payment_mode", "clinic", "reason_for_visit", "Seguimiento"));
        long id = ((Number) answer.get("consultation_id")).longValue();
        assertThat(answer.get("status")).isEqualTo("confirmed");
        assertThat(answer.get("payment_status")).isEqualTo("at_clinic");
        assertThat(answer.get("next_step")).isNull();
        Instant at = Instant.parse((String) answer.get("scheduled_at"));
        assertThat(at).isBetween(before, Instant.now()).isEqualTo(at.truncatedTo(ChronoUnit.MINUTES));
        assertThat(answer.get("duration_minutes")).isEqualTo(30);
        assertThat(status(id)).isEqualTo("confirmed");
        assertThat(paymentStatus(id)).isEqualTo("at_clinic");

        ConsultationConfirmed confirmed = outbox("consultation.confirmed", id).get(0)
                .dataAs(ConsultationConfirmed.class);
        assertThat(confirmed.paymentMode()).isEqualTo("pay_at_clinic");
        assertThat(confirmed.paidOnline()).isFalse();
        assertThat(confirmed.establishesCare()).isTrue();
        assertThat(count("select count(*) as n from audit_log where resource = 'consultation:' || :p"
                + " and action = 'confirm-clinic'", id)).isEqualTo(1);
        // No payment link goes out for a consultation paid at the clinic.
        assertThat(outbox("consultation.booked", id).get(0).dataAs(ConsultationBooked.class).sealedCheckoutToken())
                .isNull();

        // The doctor is busy now: a second immediate one overlaps and is refused, and nothing is stored.
        long before409 = count("select count(*) as n from consultations where doctor_id = :p", doctor);
        assertProblem(create(doctor, Map.of("patient_id", patient, "immediate", true, "payment_mode", "free")), 409);
        assertThat(count("select count(*) as n from consultations where doctor_id = :p", doctor)).isEqualTo(before409);
    }

    @Test
    void invalidCombinationsAre422AndStoreNothing() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long patient = patientInCare(doctor, 0, "Rosa Combinaciones");
        long before = count("select count(*) as n from consultations where doctor_id = :p", doctor);

        create(doctor, Map.of("patient_id", patient, "immediate", true, "scheduled_at", slot(doctor, 2).toString()))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").value(t ->
                        assertThat((String) t).endsWith("immediate-with-time"));
        create(doctor, Map.of("patient_id", patient, "scheduled_at", slot(doctor, 2).toString(),
                "payment_mode", "bitcoin"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").value(t ->
                        assertThat((String) t).endsWith("invalid-payment-mode"));
        // A patient booking for themselves pays online; an immediate consultation is a doctor's.
        web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(TestTokens.mint("patient", patient)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doctor_id", doctor, "scheduled_at", slot(doctor, 2).toString(),
                        "payment_mode", "free"))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type")
                .value(t -> assertThat((String) t).endsWith("payment-mode-not-allowed"));
        web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doctor_id", doctor, "patient_id", patient, "immediate", true))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type")
                .value(t -> assertThat((String) t).endsWith("immediate-not-allowed"));
        // A patient outside the doctor's care: the same 404 as a missing id, even at the clinic.
        assertProblem(create(doctor, Map.of("patient_id", patient + 9_999_999, "immediate", true,
                "payment_mode", "clinic")), 404);

        assertThat(count("select count(*) as n from consultations where doctor_id = :p", doctor)).isEqualTo(before);
    }

    @Test
    void anOnlineConsultationBookedByTheDoctorWaitsForPaymentAndCarriesThePaymentLink() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        Map<String, Object> body = new HashMap<>(Map.of("full_name", "Nuevo Paciente", "email", email("online"),
                "phone", "+34 600 000 001", "scheduled_at", slot(doctor, 1).toString(), "payment_mode", "online",
                "locale", "es"));
        Map<String, Object> answer = createOk(doctor, body);
        long id = ((Number) answer.get("consultation_id")).longValue();
        assertThat(answer.get("status")).isEqualTo("pending_payment");
        assertThat(answer.get("payment_status")).isEqualTo("unpaid");
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) answer.get("next_step");
        ConsultationBooked booked = outbox("consultation.booked", id).get(0).dataAs(ConsultationBooked.class);
        assertThat(booked.sealedCheckoutToken()).isNotBlank();
        String emailed = seal.open("consultation.booked", ConsultationBooked.SEALED_CHECKOUT_TOKEN,
                booked.sealedCheckoutToken());
        // Both the answer's token and the emailed one open the checkout of this consultation, and only of it.
        assertThat(seal.open(CheckoutToken.PURPOSE, CheckoutToken.FIELD, emailed)).isEqualTo(String.valueOf(id));
        assertThat(seal.open(CheckoutToken.PURPOSE, CheckoutToken.FIELD, (String) next.get("checkout_token")))
                .isEqualTo(String.valueOf(id));
        assertThat(outbox("consultation.confirmed", id)).isEmpty();
    }

    @Test
    void freeForTypedDetailsOfSomeoneElsesPatientAnswersTheSameButRevealsNobody() {
        long otherDoctor = doctor("Dermatología", "Europe/Madrid");
        long doctor = doctor("Medicina general", "Europe/Madrid");
        String knownEmail = email("known");
        Map<String, Object> publicBody = bookingBody(otherDoctor, slot(otherDoctor, 0), knownEmail);
        publicBody.put("full_name", "Identidad Guardada");
        @SuppressWarnings("unchecked")
        long elsewhere = ((Number) book(publicBody).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("consultation_id")).longValue();
        pay(elsewhere);
        awaitStatus(elsewhere, "confirmed");

        Map<String, Object> typed = Map.of("full_name", "Otro Nombre", "email", knownEmail,
                "scheduled_at", slot(doctor, 3).toString(), "payment_mode", "free");
        Map<String, Object> answer = createOk(doctor, typed);
        long id = ((Number) answer.get("consultation_id")).longValue();
        assertThat(answer.get("status")).isEqualTo("confirmed");
        assertThat(answer.get("payment_status")).isEqualTo("free");
        assertThat(((Number) answer.get("amount")).longValue()).isZero();
        assertThat(patientOf(id)).isEqualTo(patientOf(elsewhere));

        // Same answer as for a new patient, but the doctor learns nothing stored about the existing one.
        web.get().uri("/api/v1/doctor/consultations/{id}", id).headers(h -> h.setBearerAuth(tokenOf(doctor)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.patient_name").doesNotExist()
                .jsonPath("$.payment_status").isEqualTo("free");
        web.get().uri("/api/v1/doctor/patients").headers(h -> h.setBearerAuth(tokenOf(doctor)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        assertProblem(create(doctor, Map.of("patient_id", patientOf(id), "immediate", true)), 404);
        ConsultationConfirmed confirmed = outbox("consultation.confirmed", id).get(0)
                .dataAs(ConsultationConfirmed.class);
        assertThat(confirmed.paymentMode()).isEqualTo("free");
        assertThat(confirmed.establishesCare()).isFalse();
        String stored = db.sql("select full_name from patients where id = :id").bind("id", patientOf(id))
                .map(r -> r.get("full_name", String.class)).one().block();
        assertThat(stored).doesNotContain("Otro Nombre"); // the existing details are kept

        // A brand-new patient booked free is theirs at once.
        Map<String, Object> fresh = createOk(doctor, Map.of("full_name", "Paciente Nueva", "email", email("fresh"),
                "scheduled_at", slot(doctor, 4).toString(), "payment_mode", "free"));
        long freshId = ((Number) fresh.get("consultation_id")).longValue();
        assertThat(outbox("consultation.confirmed", freshId).get(0).dataAs(ConsultationConfirmed.class)
                .establishesCare()).isTrue();
        web.get().uri("/api/v1/doctor/patients").headers(h -> h.setBearerAuth(tokenOf(doctor)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].full_name").isEqualTo("Paciente Nueva");
    }

    @Test
    void thePatientListIsPagedAndSearchesNamesAcrossAllPages() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        patientInCare(doctor, 0, "Lucía Álvarez");
        patientInCare(doctor, 1, "Marta Gómez");
        patientInCare(doctor, 2, "Pedro Ruiz");
        String token = tokenOf(doctor);

        web.get().uri("/api/v1/doctor/patients?size=2&page=1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3).jsonPath("$.page").isEqualTo(1).jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(1);
        // Accents and case do not matter; the match on the last page is found from the first.
        web.get().uri("/api/v1/doctor/patients?q=ALVAREZ&size=1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].full_name").isEqualTo("Lucía Álvarez");
        // One patient's identity for their page; someone outside the doctor's care is the same 404 as nobody.
        long lucia = db.sql("select patient_id from consultations where doctor_id = :d order by id limit 1")
                .bind("d", doctor).map(r -> r.get("patient_id", Long.class)).one().block();
        web.get().uri("/api/v1/doctor/patients/{id}/identity", lucia).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.full_name").isEqualTo("Lucía Álvarez");
        long stranger = doctor("Dermatología", "Europe/Madrid");
        assertProblem(web.get().uri("/api/v1/doctor/patients/{id}/identity", lucia)
                .headers(h -> h.setBearerAuth(tokenOf(stranger))).exchange(), 404);
        assertProblem(web.get().uri("/api/v1/doctor/patients/{id}/identity", lucia + 9_999_999)
                .headers(h -> h.setBearerAuth(token)).exchange(), 404);
        web.get().uri("/api/v1/doctor/patients?q=zzz").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        assertProblem(web.get().uri("/api/v1/doctor/patients?size=0").headers(h -> h.setBearerAuth(token))
                .exchange(), 400);
        assertProblem(web.get().uri("/api/v1/doctor/patients").headers(h -> h.setBearerAuth(
                TestTokens.mint("patient", 1))).exchange(), 403);
    }

    @Test
    void theConsultationListFiltersByPatientAndOrdersUpcomingFirst() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long patient = patientInCare(doctor, 0, "Julia Filtros");
        createOk(doctor, Map.of("patient_id", patient, "scheduled_at", slot(doctor, 5).toString(),
                "payment_mode", "clinic"));
        long other = patientInCare(doctor, 1, "Otro Paciente");
        String token = tokenOf(doctor);

        @SuppressWarnings("unchecked")
        Map<String, Object> upcoming = web.get().uri(u -> u.path("/api/v1/doctor/consultations")
                        .queryParam("patient_id", patient).queryParam("order", "upcoming").build())
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) upcoming.get("items");
        assertThat(upcoming.get("total")).isEqualTo(2);
        assertThat(items).allSatisfy(c -> assertThat(((Number) c.get("patient_id")).longValue()).isEqualTo(patient));
        assertThat(Instant.parse((String) items.get(0).get("scheduled_at")))
                .isBefore(Instant.parse((String) items.get(1).get("scheduled_at")));
        web.get().uri("/api/v1/doctor/consultations?status=confirmed&patient_id=" + other)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
        assertProblem(web.get().uri("/api/v1/doctor/consultations?order=sideways").headers(h -> h.setBearerAuth(token))
                .exchange(), 400);
    }

    @Test
    void theDashboardShowsTodayTheNextOnesEarningsAndWhetherAnySlotIsFree() {
        long doctor = doctor("Medicina general", "UTC");
        long patient = patientInCare(doctor, 0, "Elena Panel");
        Map<String, Object> now = createOk(doctor, Map.of("patient_id", patient, "immediate", true,
                "payment_mode", "clinic"));
        long nowId = ((Number) now.get("consultation_id")).longValue();
        String token = tokenOf(doctor);

        web.get().uri("/api/v1/doctor/dashboard").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.today[0].id").isEqualTo(nowId)
                .jsonPath("$.today[0].payment_status").isEqualTo("at_clinic")
                .jsonPath("$.next.length()").isEqualTo(1)
                .jsonPath("$.counts.upcoming").isEqualTo(1)
                .jsonPath("$.free_slots_in_next_week").isEqualTo(true)
                .jsonPath("$.next_free_slot_at").exists();
        web.get().uri("/api/v1/doctor/dashboard?tz=Nowhere/Else").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest();

        // Blocking the next week leaves no free slot: the dashboard says so.
        web.post().uri("/api/v1/doctor/agenda/blocks").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("starts_at", Instant.now().minus(Duration.ofHours(1)).toString(),
                        "ends_at", Instant.now().plus(Duration.ofDays(8)).toString(), "reason", "Vacaciones"))
                .exchange().expectStatus().isCreated();
        web.get().uri("/api/v1/doctor/dashboard").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.free_slots_in_next_week").isEqualTo(false);
        assertProblem(web.get().uri("/api/v1/doctor/dashboard").headers(h -> h.setBearerAuth(
                TestTokens.mint("admin", 1))).exchange(), 403);
    }

    @Test
    void aBlockOverBookedConsultationsListsThemAsConflicts() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        long confirmed = bookOk(doctor, at, email("conflict"));
        pay(confirmed);
        awaitStatus(confirmed, "confirmed");
        String token = tokenOf(doctor);

        @SuppressWarnings("unchecked")
        Map<String, Object> block = web.post().uri("/api/v1/doctor/agenda/blocks")
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("starts_at", at.minus(Duration.ofHours(1)).toString(),
                        "ends_at", at.plus(Duration.ofHours(2)).toString(), "reason", "Mañana libre"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> conflicts = (List<Map<String, Object>>) block.get("conflicts");
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(((Number) c.get("consultation_id")).longValue()).isEqualTo(confirmed);
            assertThat(c.get("status")).isEqualTo("confirmed");
        });
        // The consultation is kept (a block never cancels anyone), and the agenda still shows the conflict.
        assertThat(status(confirmed)).isEqualTo("confirmed");
        web.get().uri("/api/v1/doctor/agenda").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.blocks[0].conflicts[0].consultation_id").isEqualTo(confirmed);
        // The blocked slots are gone from the public booking page.
        assertThat(freeSlots(doctor, at.minus(Duration.ofMinutes(1)), at.plus(Duration.ofHours(2)))).isEmpty();
    }
}
