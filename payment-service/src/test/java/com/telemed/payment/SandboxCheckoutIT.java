package com.telemed.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.ConsultationConfirmed;
import com.telemed.payment.payments.Reconciler;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;

import tools.jackson.databind.JsonNode;

/**
 * The embedded sandbox (local mode, no Stripe key): its page, and its buttons sending Stripe-format signed events to
 * this service's own webhook over HTTP, exactly as Stripe would. Own schema and consumer group.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.local-mode=true",
        "telemed.db.schema=payment_sandbox",
        "telemed.payments.consumer-group=payment-sandbox-it",
        "telemed.payments.sandbox.webhook-url=http://localhost:${local.server.port}/api/v1/payments/webhook",
        "telemed.payments.allowed-origins=http://localhost:3000",
        "telemed.payments.reconcile-interval=PT1H",
        "telemed.payments.refund.poll-interval=100ms" })
class SandboxCheckoutIT {

    private static final String SUCCESS = "http://localhost:3000/reserva/pago?estado=ok";
    private static final String CANCEL = "http://localhost:3000/reserva/pago?estado=cancelado";

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    DatabaseClient db;
    @Autowired
    EventSeal seal;
    @Autowired
    Reconciler reconciler;

    PaymentFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new PaymentFixtures(kafka, db, seal);
    }

    @Test
    void payingOnTheSandboxPageGoesThroughTheSignedWebhookAndReturnsWithTheSessionId() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        JsonNode session = open(b.consultationId());
        String id = session.get("session_id").asString();
        assertThat(id).startsWith("cs_test_sandbox_");
        assertThat(session.get("checkout_url").asString()).isEqualTo("http://localhost:8080/dev/checkout/" + id);

        String page = web.get().uri("/dev/checkout/" + id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Security-Policy", ".*default-src 'none'.*")
                // Browsers send "Origin: null" on form posts from a no-referrer page, which the gateway refuses.
                .expectHeader().valueEquals("Referrer-Policy", "same-origin")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("45.00 EUR", "/dev/checkout/" + id + "/pay").doesNotContain("@example.test");

        web.post().uri("/dev/checkout/" + id + "/fail").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals("Location", "/dev/checkout/" + id + "?result=failed");
        long paymentId = fixtures.count("select id from payments where stripe_session_id = '" + id + "'");
        assertThat(fixtures.text("select status from payments where id = " + paymentId)).isEqualTo("failed");

        web.post().uri("/dev/checkout/" + id + "/pay").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals("Location", SUCCESS + "&session_id=" + id);
        assertThat(fixtures.text("select status from payments where id = " + paymentId)).isEqualTo("succeeded");
        assertThat(fixtures.count("select count(*) from stripe_events where payment_id = " + paymentId
                + " and event_id like 'evt_sandbox_%'")).isEqualTo(3);
        assertThat(PaymentFixtures.publishedTypes(b.consultationId(), 2))
                .containsExactly("payment.failed", "payment.confirmed");

        // Paid: the page no longer offers to pay.
        assertThat(web.get().uri("/dev/checkout/" + id).exchange().expectBody(String.class).returnResult()
                .getResponseBody()).doesNotContain("/pay\"");
    }

    @Test
    void cancellingReturnsToTheCancelUrl() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        String id = open(b.consultationId()).get("session_id").asString();
        web.post().uri("/dev/checkout/" + id + "/cancel").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals("Location", CANCEL + "&session_id=" + id);
    }

    @Test
    void thePageEscapesWhatItShows() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        String id = open(b.consultationId()).get("session_id").asString();
        // The doctor's name comes with the booking, so the page can show it before anything is paid.
        assertThat(web.get().uri("/dev/checkout/" + id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Dra. Prueba");
        fixtures.publish(b.consultationId(), new ConsultationConfirmed(b.consultationId(), b.patientId(), b.doctorId(),
                "Medicina general", b.scheduledAt(), 30, 4500, "eur",
                fixtures.sealed("consultation.confirmed", "sealed_patient_email", "p@example.test"),
                fixtures.sealed("consultation.confirmed", "sealed_patient_name", "P"),
                "<script>alert('x')</script>", "es", "Europe/Madrid", "sealed", "online"));
        await().atMost(PaymentFixtures.WITHIN).until(() -> fixtures.text(
                "select coalesce(doctor_name, '') from consultations where consultation_id = " + b.consultationId())
                .contains("script"));
        String page = web.get().uri("/dev/checkout/" + id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>");
        web.get().uri("/dev/checkout/cs_test_sandbox_unknown").exchange().expectStatus().isNotFound();
    }

    @Test
    void aDoctorsCancellationIsRefundedThroughTheSandboxAndPublishedOnce() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        String id = open(b.consultationId()).get("session_id").asString();
        web.post().uri("/dev/checkout/" + id + "/pay").exchange().expectStatus().isSeeOther();
        long paymentId = fixtures.count("select id from payments where stripe_session_id = '" + id + "'");

        fixtures.cancel(b, "doctor", Instant.now());

        await().atMost(PaymentFixtures.WITHIN).until(() -> "refunded".equals(
                fixtures.text("select status from payments where id = " + paymentId)));
        assertThat(fixtures.text("select stripe_refund_id from payments where id = " + paymentId)).startsWith("re_sandbox_");
        // The sandbox also announces the refund with a signed charge.refunded: it is recognised as ours.
        await().atMost(PaymentFixtures.WITHIN).until(() -> fixtures.count(
                "select count(*) from stripe_events where type = 'charge.refunded' and payment_id = " + paymentId) == 1);
        assertThat(PaymentFixtures.publishedTypes(b.consultationId(), 2))
                .containsExactly("payment.confirmed", "payment.refunded");
        assertThat(fixtures.count("select refund_amount from payments where id = " + paymentId)).isEqualTo(4500);
    }

    @Test
    void anExpiredSandboxSessionSendsCheckoutSessionExpired() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        String id = open(b.consultationId()).get("session_id").asString();
        long paymentId = fixtures.count("select id from payments where stripe_session_id = '" + id + "'");
        // Time passing, for the sandbox's session only.
        db.sql("update sandbox_sessions set expires_at = now() - interval '1 second' where session_id = :id")
                .bind("id", id).fetch().rowsUpdated().block(Duration.ofSeconds(5));

        reconciler.reconcileOnce().block(Duration.ofSeconds(30));

        assertThat(fixtures.text("select status from payments where id = " + paymentId)).isEqualTo("expired");
        assertThat(PaymentFixtures.publishedTypes(b.consultationId(), 1)).containsExactly("payment.failed");
    }

    private JsonNode open(long consultationId) {
        return web.post().uri("/api/v1/payments/checkout-session")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("consultation_id", consultationId, "success_url", SUCCESS, "cancel_url", CANCEL,
                        "checkout_token", seal.seal("consultation.checkout", "checkout_token",
                                Long.toString(consultationId))))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
