package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * Refunds by policy when booking announces a cancellation on Kafka, and by hand from the admin API; each through
 * stripe-java against WireMock, with its idempotency key, and published once.
 */
class RefundsIT extends StripeStubbedTest {

    @Test
    void aPatientCancellingMoreThan24HoursAheadGetsEverythingBack() {
        Opened o = paidConsultation(Instant.now().plus(Duration.ofDays(3)));
        fixtures.cancel(o.booked(), "patient", Instant.now());

        awaitStatus(o.paymentId(), "refunded");
        long refundId = fixtures.count("select id from refunds where payment_id = " + o.paymentId());
        STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=pi_" + o.booked().consultationId()))
                .withRequestBody(containing("amount=4500"))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "refund-" + o.paymentId() + "-" + refundId)));
        assertThat(PaymentFixtures.publishedTypes(o.booked().consultationId(), 2))
                .containsExactly("payment.confirmed", "payment.refunded");
        assertThat(fixtures.text("select refund_reason from payments where id = " + o.paymentId()))
                .isEqualTo("cancelled_in_time");
    }

    @Test
    void aPatientCancellingLessThan24HoursAheadGetsNothingBack() {
        Opened o = paidConsultation(Instant.now().plus(Duration.ofHours(2)));
        fixtures.cancel(o.booked(), "patient", Instant.now());

        await().atMost(PaymentFixtures.WITHIN).until(() -> "no_refund_cancelled_late".equals(
                fixtures.text("select coalesce(refund_reason, '') from payments where id = " + o.paymentId())));
        assertThat(status(o.paymentId())).isEqualTo("succeeded");
        assertThat(fixtures.count("select count(*) from refunds where payment_id = " + o.paymentId())).isZero();
        assertThat(PaymentFixtures.publishedTypes(o.booked().consultationId(), 1)).containsExactly("payment.confirmed");
    }

    @Test
    void aDoctorsCancellationAlwaysRefundsInFull() {
        Opened o = paidConsultation(Instant.now().plus(Duration.ofHours(2)));
        fixtures.cancel(o.booked(), "doctor", Instant.now());

        awaitStatus(o.paymentId(), "refunded");
        assertThat(fixtures.text("select refund_reason from payments where id = " + o.paymentId()))
                .isEqualTo("cancelled_by_doctor");
        assertThat(PaymentFixtures.publishedTypes(o.booked().consultationId(), 2))
                .containsExactly("payment.confirmed", "payment.refunded");
        // The same cancellation delivered again refunds nothing more.
        fixtures.cancel(o.booked(), "doctor", Instant.now());
        assertThat(PaymentFixtures.publishedTypes(o.booked().consultationId(), 3)).hasSize(2);
    }

    @Test
    void aDoctorNoShowRefundsInFullAndAPatientNoShowRefundsNothing() {
        Opened doctorAbsent = paidConsultation(Instant.now().plus(Duration.ofHours(2)));
        fixtures.noShow(doctorAbsent.booked(), "doctor");
        awaitStatus(doctorAbsent.paymentId(), "refunded");
        assertThat(fixtures.text("select refund_reason from payments where id = " + doctorAbsent.paymentId()))
                .isEqualTo("doctor_no_show");
        assertThat(PaymentFixtures.publishedTypes(doctorAbsent.booked().consultationId(), 2))
                .containsExactly("payment.confirmed", "payment.refunded");

        Opened patientAbsent = paidConsultation(Instant.now().plus(Duration.ofHours(2)));
        fixtures.noShow(patientAbsent.booked(), "patient");
        await().atMost(PaymentFixtures.WITHIN).until(() -> "no_refund_patient_no_show".equals(
                fixtures.text("select coalesce(refund_reason, '') from payments where id = "
                        + patientAbsent.paymentId())));
        assertThat(status(patientAbsent.paymentId())).isEqualTo("succeeded");
        assertThat(fixtures.count("select count(*) from refunds where payment_id = " + patientAbsent.paymentId()))
                .isZero();
    }

    @Test
    void anAdminRefundsInPartsIdempotentlyAndNeverMoreThanWasPaid() {
        Opened o = paidConsultation(Instant.now().plus(Duration.ofDays(3)));
        String admin = TestTokens.mint("admin", 7);

        JsonNode first = refund(admin, o.paymentId(), Map.of("amount", 1000, "reason", "Goodwill"), "key-1")
                .expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode again = refund(admin, o.paymentId(), Map.of("amount", 1000, "reason", "Goodwill"), "key-1")
                .expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.get("refund_id").asLong()).isEqualTo(first.get("refund_id").asLong());

        refund(admin, o.paymentId(), Map.of("amount", 4000, "reason", "Too much"), "key-2")
                .expectStatus().isEqualTo(422);
        refund(admin, o.paymentId(), Map.of("amount", -5, "reason", "Negative"), "key-3").expectStatus().isBadRequest();
        refund(admin, o.paymentId(), Map.of("amount", 100), "key-4").expectStatus().isBadRequest();
        refund(TestTokens.mint("it_admin", 8), o.paymentId(), Map.of("reason", "No"), "key-5").expectStatus().isForbidden();
        refund(TestTokens.mint("specialist", o.booked().doctorId()), o.paymentId(), Map.of("reason", "No"), "key-6")
                .expectStatus().isForbidden();

        await().atMost(PaymentFixtures.WITHIN).until(() -> "partially_refunded".equals(status(o.paymentId())));
        assertThat(fixtures.count("select count(*) from audit_log where resource = 'payment:" + o.paymentId()
                + "' and action = 'refund'")).isEqualTo(1);

        refund(TestTokens.mint("medical_admin", 9), o.paymentId(), Map.of("reason", "The rest"), "key-7")
                .expectStatus().isAccepted().expectBody().jsonPath("$.amount").isEqualTo(3500);
        awaitStatus(o.paymentId(), "refunded");
        refund(admin, o.paymentId(), Map.of("reason", "Once more"), "key-8").expectStatus().isEqualTo(409);
        assertThat(fixtures.count("select refund_amount from payments where id = " + o.paymentId())).isEqualTo(4500);
        assertThat(fixtures.outboxEvents(o.booked().consultationId(), "payment.refunded")).isEqualTo(2);
    }

    @Test
    void anUnpaidPaymentIsNotRefundable() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        refund(TestTokens.mint("admin", 7), o.paymentId(), Map.of("reason", "No"), null).expectStatus().isEqualTo(409);
        refund(TestTokens.mint("admin", 7), 987_654_321L, Map.of("reason", "No"), null).expectStatus().isNotFound();
        assertThat(fixtures.count("select count(*) from refunds where payment_id = " + o.paymentId())).isZero();
    }


    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refund(String token, long paymentId,
            Map<String, Object> body, String key) {
        return web.post().uri("/api/v1/payments/admin/payments/" + paymentId + "/refund")
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
