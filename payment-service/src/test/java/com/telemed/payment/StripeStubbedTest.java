package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.StripeSignatures;

import tools.jackson.databind.JsonNode;

/**
 * payment-service with a Stripe secret key, its stripe-java client pointed at WireMock standing in for Stripe's API.
 * Own schema and consumer group, so that its projection sees every booking event and nothing else shares its tables.
 * The test classes extending it share one application context.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.db.schema=payment_stripe",
        "telemed.payments.consumer-group=payment-stripe-it",
        "telemed.payments.stripe.secret-key=sk_test_telemed",
        "telemed.payments.stripe.webhook-secrets=" + StripeStubbedTest.SECRET + "," + StripeStubbedTest.OLD_SECRET,
        "telemed.payments.stripe.retry-backoff=50ms",
        "telemed.payments.stripe.read-timeout=3s",
        "telemed.payments.stripe.breaker-minimum-calls=50",
        "telemed.payments.allowed-origins=https://app.telemed.test,http://localhost:3000",
        "telemed.payments.reconcile-interval=PT1H",
        "telemed.payments.reconcile-min-age=0s",
        "telemed.payments.refund.poll-interval=100ms",
        "telemed.payments.refund.initial-backoff=200ms" })
abstract class StripeStubbedTest {

    static final String SECRET = "whsec_test_current";
    static final String OLD_SECRET = "whsec_test_previous";
    static final String SUCCESS = "https://app.telemed.test/reserva/pago?estado=ok";
    static final String CANCEL = "https://app.telemed.test/reserva/pago?estado=cancelado";
    static final WireMockServer STRIPE = new WireMockServer(options().dynamicPort());

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("telemed.payments.stripe.api-base", STRIPE::baseUrl);
    }

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    DatabaseClient db;
    @Autowired
    EventSeal seal;

    PaymentFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new PaymentFixtures(kafka, db, seal);
    }

    String checkoutToken(long consultationId) {
        return seal.seal("consultation.checkout", "checkout_token", Long.toString(consultationId));
    }

    /** Stripe answers a session for this consultation (matched by client_reference_id). */
    static void stubSession(long consultationId, String sessionId) {
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("client_reference_id=" + consultationId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(sessionJson(sessionId, "open", "unpaid", null, 4500))));
    }

    static String sessionJson(String sessionId, String status, String paymentStatus, String intent, long amount) {
        return """
                {"id": "%s", "object": "checkout.session", "url": "https://checkout.stripe.test/c/pay/%s",
                 "status": "%s", "payment_status": "%s", "payment_intent": %s, "amount_total": %d, "currency": "eur",
                 "mode": "payment", "metadata": {}}"""
                .formatted(sessionId, sessionId, status, paymentStatus, intent == null ? "null" : "\"" + intent + "\"",
                        amount);
    }

    static void stubRetrieve(String sessionId, String status, String paymentStatus, String intent) {
        STRIPE.stubFor(get(urlEqualTo("/v1/checkout/sessions/" + sessionId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(sessionJson(sessionId, status, paymentStatus, intent, 4500))));
    }

    /** Stripe refunds: each new refund gets its own id, {@code <prefix>_<random>}. */
    static void stubRefund(String intent, String refundIdPrefix) {
        STRIPE.stubFor(post(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intent))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "%s_{{randomValue length=10 type='ALPHANUMERIC'}}", "object": "refund",
                                 "status": "succeeded", "payment_intent": "%s"}"""
                                .formatted(refundIdPrefix, intent))));
    }

    WebTestClient.ResponseSpec openCheckout(long consultationId, String token) {
        return web.post().uri("/api/v1/payments/checkout-session")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("consultation_id", consultationId, "success_url", SUCCESS, "cancel_url", CANCEL,
                        "checkout_token", token))
                .exchange();
    }

    /** Books, opens a checkout with its token; emits the payment id and session id. */
    record Opened(PaymentFixtures.Booked booked, long paymentId, String sessionId) {
    }

    Opened bookAndOpen(Duration hold) {
        PaymentFixtures.Booked b = fixtures.book(hold);
        String sessionId = "cs_test_" + b.consultationId();
        stubSession(b.consultationId(), sessionId);
        JsonNode answer = openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        long paymentId = fixtures.count("select id from payments where stripe_session_id = '" + sessionId + "'");
        return new Opened(b, paymentId, answer.get("session_id").asString());
    }

    WebTestClient.ResponseSpec deliver(String body) {
        return deliver(body, StripeSignatures.header(SECRET, body));
    }

    WebTestClient.ResponseSpec deliver(String body, String signature) {
        return web.post().uri("/api/v1/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .bodyValue(body)
                .exchange();
    }

    String paid(Opened o, String intent) {
        return PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed", Instant.now(),
                PaymentFixtures.session(o.sessionId(), intent, o.booked().consultationId(), o.paymentId(), 4500,
                        "paid", "complete"));
    }

    String status(long paymentId) {
        return fixtures.text("select status from payments where id = " + paymentId);
    }

    void awaitStatus(long paymentId, String expected) {
        await().atMost(PaymentFixtures.WITHIN).until(() -> expected.equals(status(paymentId)));
    }

    /** Booked for {@code scheduledAt}, checked out and paid (refunds for it are stubbed). */
    Opened paidConsultation(Instant scheduledAt) {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1), scheduledAt);
        String sessionId = "cs_test_" + b.consultationId();
        stubSession(b.consultationId(), sessionId);
        openCheckout(b.consultationId(), checkoutToken(b.consultationId())).expectStatus().isCreated();
        long paymentId = fixtures.count("select id from payments where stripe_session_id = '" + sessionId + "'");
        Opened o = new Opened(b, paymentId, sessionId);
        stubRefund("pi_" + b.consultationId(), "re_" + b.consultationId());
        deliver(paid(o, "pi_" + b.consultationId())).expectStatus().isOk();
        assertThat(status(paymentId)).isEqualTo("succeeded");
        return o;
    }
}
