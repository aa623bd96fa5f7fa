package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventEnvelope;
import com.telemed.events.PaymentConfirmed;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

@ServiceTest
class ConsultationLifecycleIT extends BookingTestSupport {

    @Autowired
    EventSeal seal;

    private String paymentOutcome(long consultationId, String fact) {
        return db.sql("select outcome from payment_facts where consultation_id = :c and fact = :f order by id desc limit 1")
                .bind("c", consultationId).bind("f", fact).map(r -> r.get("outcome", String.class)).one().block();
    }

    private void awaitFact(long consultationId, String fact, String outcome) {
        await().atMost(Duration.ofSeconds(45)).until(() -> outcome.equals(paymentOutcome(consultationId, fact)));
    }

    private String manageToken(long id) {
        ConsultationConfirmed confirmed = outbox("consultation.confirmed", id).get(0).dataAs(ConsultationConfirmed.class);
        return seal.open("consultation.confirmed", "sealed_manage_token", confirmed.sealedManageToken());
    }

    @Test
    void paymentConfirmsOnceEvenWhenRedeliveredAndALateFailureChangesNothing() {
        long doctor = doctor("Cardiología", "Europe/Madrid");
        long id = bookOk(doctor, slot(doctor, 0), email("pay"));
        PaymentConfirmed paid = new PaymentConfirmed(newId(), id, 4500, "eur", "cs_1", "pi_1", Instant.now());
        EventEnvelope envelope = EventEnvelope.wrap(paid, "payment-service", Instant.now());

        publish(new PaymentFailed(newId(), id, "card_declined", Instant.now()), id);
        awaitFact(id, "payment.failed", "recorded");
        assertThat(status(id)).isEqualTo("pending_payment");

        publish(envelope, id);
        publish(envelope, id);
        awaitStatus(id, "confirmed");
        // A second, distinct confirmation (e.g. a retried webhook) and an out-of-order failure are only recorded.
        publish(new PaymentConfirmed(newId(), id, 4500, "eur", "cs_1", "pi_1", Instant.now()), id);
        awaitFact(id, "payment.confirmed", "duplicate");
        publish(new PaymentFailed(newId(), id, "late", Instant.now()), id);
        awaitFact(id, "payment.failed", "ignored");

        assertThat(status(id)).isEqualTo("confirmed");
        assertThat(outbox("consultation.confirmed", id)).hasSize(1);
        ConsultationConfirmed confirmed = outbox("consultation.confirmed", id).get(0).dataAs(ConsultationConfirmed.class);
        assertThat(seal.open("consultation.confirmed", "sealed_patient_name", confirmed.sealedPatientName()))
                .isEqualTo("Ana Paciente");
        assertThat(confirmed.paymentMode()).isEqualTo("online");
        assertThat(confirmed.doctorName()).isEqualTo("Dr. Test " + doctor);
        String token = manageToken(id);
        assertThat(token).hasSizeGreaterThan(30);
        String stored = db.sql("select manage_token_hash from consultations where id = :id").bind("id", id)
                .map(r -> r.get("manage_token_hash", String.class)).one().block();
        assertThat(stored).isNotEqualTo(token).hasSize(64);

        long confirmAudits = db.sql("select count(*) as n from audit_log where resource = :r and action = 'confirm' and actor = 'system'")
                .bind("r", "consultation:" + id).map(r -> r.get("n", Long.class)).one().block();
        assertThat(confirmAudits).isEqualTo(1);

        publish(new PaymentRefunded(newId(), id, 4500, "eur", "re_1", "requested_by_customer", Instant.now()), id);
        awaitFact(id, "payment.refunded", "recorded");
    }

    @Test
    void aPaymentForAnExpiredHoldWhoseSlotWasRetakenIsNotApplied() {
        long doctor = doctor("Cardiología", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        long late = bookOk(doctor, at, email("late"));
        expireHold(late);
        long taker = bookOk(doctor, at, email("taker"));

        pay(late);
        awaitFact(late, "payment.confirmed", "not_applied");

        assertThat(status(late)).isEqualTo("cancelled");
        assertThat(status(taker)).isEqualTo("pending_payment");
        assertThat(outbox("consultation.confirmed", late)).isEmpty();
    }

    @Test
    void thePatientLinkViewsCancelsAndIsRevokedAfterwards() {
        long doctor = doctor("Dermatología", "Europe/Madrid");
        long id = bookOk(doctor, slot(doctor, 0), email("link"));
        pay(id);
        awaitStatus(id, "confirmed");
        String token = manageToken(id);

        web.get().uri("/api/v1/consultations/public/manage/{id}?token={t}", id, token).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.consultation.status").isEqualTo("confirmed")
                .jsonPath("$.consultation.notes").doesNotExist()
                .jsonPath("$.can_cancel").isEqualTo(true);
        assertProblem(web.get().uri("/api/v1/consultations/public/manage/{id}?token={t}", id, "wrong-token").exchange(), 404);
        assertProblem(web.get().uri("/api/v1/consultations/public/manage/{id}?token={t}", id + 1000, token).exchange(), 404);

        Instant moveTo = slot(doctor, 4);
        web.post().uri("/api/v1/consultations/public/manage/{id}/reschedule", id)
                .bodyValue(Map.of("token", token, "scheduled_at", moveTo.toString())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.consultation.scheduled_at").isEqualTo(moveTo.toString());
        assertThat(outbox("consultation.rescheduled", id)).singleElement()
                .satisfies(e -> assertThat(e.dataAs(ConsultationRescheduled.class).scheduledAt()).isEqualTo(moveTo));

        web.post().uri("/api/v1/consultations/public/manage/{id}/cancel", id).bodyValue(Map.of("token", token))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.consultation.status").isEqualTo("cancelled");
        ConsultationCancelled cancelled = outbox("consultation.cancelled", id).get(0).dataAs(ConsultationCancelled.class);
        assertThat(cancelled.cancelledBy()).isEqualTo("patient");
        assertProblem(web.get().uri("/api/v1/consultations/public/manage/{id}?token={t}", id, token).exchange(), 404);
        assertProblem(web.post().uri("/api/v1/consultations/public/manage/{id}/cancel", id)
                .bodyValue(Map.of("token", token)).exchange(), 404);
        // The freed slot can be booked again.
        bookOk(doctor, moveTo, email("next"));
    }

    @Test
    void patientsCannotChangeWithinTheCutoffButStaffCan() {
        long doctor = doctor("Dermatología", "Europe/Madrid");
        Instant soon = Instant.parse(freeSlots(doctor, Instant.now().plus(Duration.ofHours(2)),
                Instant.now().plus(Duration.ofHours(23))).get(0));
        long id = bookOk(doctor, soon, email("soon"));
        pay(id);
        awaitStatus(id, "confirmed");
        String token = manageToken(id);
        long patient = patientOf(id);

        assertProblem(web.post().uri("/api/v1/consultations/public/manage/{id}/cancel", id)
                .bodyValue(Map.of("token", token)).exchange(), 422);
        assertProblem(web.post().uri("/api/v1/consultations/me/{id}/cancel", id)
                .headers(h -> h.setBearerAuth(TestTokens.mint("patient", patient))).bodyValue(Map.of()).exchange(), 422);
        assertThat(status(id)).isEqualTo("confirmed");

        web.patch().uri("/api/v1/doctor/consultations/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.mint("specialist", doctor)))
                .bodyValue(Map.of("status", "cancelled", "reason", "doctor_unavailable")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");
        ConsultationCancelled cancelled = outbox("consultation.cancelled", id).get(0).dataAs(ConsultationCancelled.class);
        assertThat(cancelled.cancelledBy()).isEqualTo("doctor");
        // The doctor's words may be clinical: the event says only who asked; the words stay encrypted in the row.
        assertThat(cancelled.reason()).isEqualTo("doctor_request");
        assertThat(com.telemed.events.EventJson.write(outbox("consultation.cancelled", id).get(0)))
                .doesNotContain("doctor_unavailable");
        String note = db.sql("select cancel_note from consultations where id = :id").bind("id", id)
                .map(r -> r.get("cancel_note", String.class)).one().block();
        assertThat(note).startsWith("v1:").doesNotContain("doctor_unavailable");
    }

    @Test
    void staffAndPatientsBookThroughTheSpecPathsAndAdminsMoveThingsAlong() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long first = bookOk(doctor, slot(doctor, 0), email("staff"));
        Instant taken = slot(doctor, 1);
        long patient = patientOf(first);
        String admin = TestTokens.mint("admin", 1);

        // The spec's curl body, with a patient token for themselves.
        web.post().uri("/api/v1/payments/consultations").headers(h -> h.setBearerAuth(TestTokens.mint("patient", patient)))
                .bodyValue(Map.of("patient_id", patient, "doctor_id", doctor, "specialty", "Medicina general",
                        "scheduled_at", taken.toString()))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("pending_payment");
        // Staff books for an existing patient.
        Map<?, ?> created = web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("patient_id", patient, "doctor_id", doctor, "scheduled_at", slot(doctor, 2).toString()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        long staffBooked = ((Number) created.get("consultation_id")).longValue();
        // A doctor may not book into another doctor's agenda; a patient not for someone else.
        long other = doctor("Medicina general", "Europe/Madrid");
        assertProblem(web.post().uri("/api/v1/consultations").headers(h -> h.setBearerAuth(TestTokens.mint("specialist", other)))
                .bodyValue(Map.of("patient_id", patient, "doctor_id", doctor, "scheduled_at", slot(doctor, 3).toString()))
                .exchange(), 403);
        assertProblem(web.post().uri("/api/v1/payments/consultations").headers(h -> h.setBearerAuth(TestTokens.mint("patient", patient + 999_999)))
                .bodyValue(Map.of("patient_id", patient, "doctor_id", doctor, "scheduled_at", slot(doctor, 3).toString()))
                .exchange(), 404);

        // Only a payment confirms: not the doctor, not an admin without recording a payment at the clinic.
        assertProblem(web.patch().uri("/api/v1/doctor/consultations/{id}", staffBooked)
                .headers(h -> h.setBearerAuth(TestTokens.mint("specialist", doctor)))
                .bodyValue(Map.of("status", "confirmed")).exchange(), 403);
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "confirmed")).exchange(), 422);
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "confirmed", "payment_mode", "paid_at_clinic")).exchange(), 422);
        assertThat(status(staffBooked)).isEqualTo("pending_payment");
        assertThat(outbox("consultation.confirmed", staffBooked)).isEmpty();
        // Admin: record the payment at the clinic (with why), complete, then an impossible move is refused.
        web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "confirmed", "payment_mode", "paid_at_clinic", "reason",
                        "Pagado en efectivo en recepción", "notes", "Pagado en clínica")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("confirmed")
                .jsonPath("$.payment_status").isEqualTo("paid_at_clinic")
                .jsonPath("$.notes").isEqualTo("Pagado en clínica");
        assertThat(outbox("consultation.confirmed", staffBooked)).singleElement()
                .satisfies(e -> assertThat(e.dataAs(ConsultationConfirmed.class).paidAtClinic()).isTrue());
        assertThat(db.sql("select count(*) as n from audit_log where resource = :r and action = 'confirm-paid-at-clinic'")
                .bind("r", "consultation:" + staffBooked).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "completed")).exchange().expectStatus().isOk();
        assertThat(outbox("consultation.completed", staffBooked)).singleElement()
                .satisfies(e -> assertThat(e.dataAs(ConsultationCompleted.class).consultationId()).isEqualTo(staffBooked));
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "pending_payment")).exchange(), 409);
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", staffBooked).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("status", "teleported")).exchange(), 400);
        // it_admin reads but does not change.
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", first).headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 2)))
                .bodyValue(Map.of("status", "cancelled")).exchange(), 403);

        // Reschedule onto a held slot is a conflict; onto a free one works and is announced.
        assertProblem(web.patch().uri("/api/v1/admin/consultations/{id}", first).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("scheduled_at", taken.toString())).exchange(), 409);
        Instant free = slot(doctor, 6);
        web.patch().uri("/api/v1/admin/consultations/{id}", first).headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("scheduled_at", free.toString())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.scheduled_at").isEqualTo(free.toString());

        // Lists and the dashboard.
        web.get().uri(u -> u.path("/api/v1/admin/consultations").queryParam("doctor_id", doctor)
                        .queryParam("status", "completed").build())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(staffBooked)
                .jsonPath("$.items[0].patient_name").isEqualTo("Ana Paciente");
        web.get().uri(u -> u.path("/api/v1/admin/consultations/summary")
                        .queryParam("date", free.atZone(java.time.ZoneId.of("Europe/Madrid")).toLocalDate().toString())
                        .queryParam("tz", "Europe/Madrid").build())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.counts_by_status.pending_payment").isNumber();
        web.get().uri(u -> u.path("/api/v1/admin/patients").queryParam("email", "nobody@example.test").build())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0);
        // Every list answers the same shape and refuses a page size above the maximum, or a negative page.
        web.get().uri("/api/v1/admin/consultations?size=101").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/invalid-page-size");
        web.get().uri("/api/v1/admin/patients?page=-1").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/invalid-page");
        web.get().uri("/api/v1/admin/consultations?size=100").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.page").isEqualTo(0).jsonPath("$.size").isEqualTo(100).jsonPath("$.total").isNumber()
                .jsonPath("$.items").isArray();
        long audited = db.sql("select count(*) as n from audit_log where patient_id = :p")
                .bind("p", patient).map(r -> r.get("n", Long.class)).one().block();
        assertThat(audited).isGreaterThanOrEqualTo(5);
    }
}
