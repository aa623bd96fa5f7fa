package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.testkit.TestTokens;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.JsonNode;

/** Opening a checkout: proof, validation, the request stripe-java sends, idempotency, retries and the breaker. */
class CheckoutIT extends StripeStubbedTest {

    @Autowired
    CircuitBreaker stripeCircuitBreaker;

    @Test
    void opensAStripeSessionWithTheConsultationsAmountAndAnswersItAgainWhenRepeated() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        stubSession(b.consultationId(), "cs_test_open_" + b.consultationId());

        JsonNode first = openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(first.get("session_id").asString()).isEqualTo("cs_test_open_" + b.consultationId());
        assertThat(first.get("checkout_url").asString()).startsWith("https://checkout.stripe.test/");
        assertThat(first.get("consultation_id").asLong()).isEqualTo(b.consultationId());

        List<LoggedRequest> calls = sessionCalls(b.consultationId());
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        String form = URLDecoder.decode(call.getBodyAsString(), StandardCharsets.UTF_8);
        long paymentId = fixtures.count("select id from payments where consultation_id = " + b.consultationId());
        assertThat(call.getHeader("Idempotency-Key")).isEqualTo("checkout-" + b.consultationId() + "-1");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk_test_telemed");
        assertThat(form).contains("line_items[0][price_data][unit_amount]=4500",
                "line_items[0][price_data][currency]=eur", "mode=payment",
                "metadata[consultation_id]=" + b.consultationId(), "metadata[payment_id]=" + paymentId,
                "payment_intent_data[metadata][payment_id]=" + paymentId,
                "payment_intent_data[metadata][consultation_id]=" + b.consultationId(),
                "customer_email=patient-" + b.consultationId() + "@example.test",
                "success_url=" + SUCCESS + "&session_id={CHECKOUT_SESSION_ID}",
                "cancel_url=" + CANCEL + "&session_id={CHECKOUT_SESSION_ID}");
        // The hold ends in an hour, later than Stripe's 30-minute floor: the session ends with the hold.
        long expiresAt = Long.parseLong(form.replaceAll("(?s).*expires_at=(\\d+).*", "$1"));
        assertThat(expiresAt).isBetween(b.holdExpiresAt().getEpochSecond() - 1, b.holdExpiresAt().getEpochSecond());

        JsonNode again = openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.get("session_id").asString()).isEqualTo(first.get("session_id").asString());
        assertThat(sessionCalls(b.consultationId())).hasSize(1);
        assertThat(fixtures.count("select count(*) from payments where consultation_id = " + b.consultationId()))
                .isEqualTo(1);
    }

    @Test
    void aShortHoldStillGetsTheThirtyMinutesStripeRequires() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofMinutes(10));
        stubSession(b.consultationId(), "cs_test_short_" + b.consultationId());
        openCheckout(b.consultationId(), checkoutToken(b.consultationId())).expectStatus().isCreated();
        String form = URLDecoder.decode(sessionCalls(b.consultationId()).get(0).getBodyAsString(), StandardCharsets.UTF_8);
        long expiresAt = Long.parseLong(form.replaceAll("(?s).*expires_at=(\\d+).*", "$1"));
        assertThat(expiresAt).isGreaterThanOrEqualTo(Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond());
    }

    @Test
    void theConsultationsPeopleMayOpenItWithTheirAccessTokens() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        stubSession(b.consultationId(), "cs_test_jwt_" + b.consultationId());
        withBearer(b.consultationId(), TestTokens.mint("patient", b.patientId())).expectStatus().isCreated();
        withBearer(b.consultationId(), TestTokens.mint("specialist", b.doctorId())).expectStatus().isOk();
        withBearer(b.consultationId(), TestTokens.mint("admin", 1)).expectStatus().isOk();
        // Someone else's patient or doctor learns nothing, not even that the consultation exists.
        withBearer(b.consultationId(), TestTokens.mint("patient", b.patientId() + 1)).expectStatus().isNotFound();
        withBearer(b.consultationId(), TestTokens.mint("doctor", b.doctorId() + 1)).expectStatus().isNotFound();
        withBearer(b.consultationId(), TestTokens.forged("admin", 1)).expectStatus().isUnauthorized();
    }

    @Test
    void refusesWithoutProofWithAForeignTokenOrWithBadUrlsAndStoresNothing() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        long id = b.consultationId();
        stubSession(id, "cs_test_refused_" + id);

        request(Map.of("consultation_id", id, "success_url", SUCCESS, "cancel_url", CANCEL))
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        request(Map.of("consultation_id", id, "success_url", SUCCESS, "cancel_url", CANCEL,
                "checkout_token", checkoutToken(id + 1))).expectStatus().isNotFound();
        request(Map.of("consultation_id", id, "success_url", SUCCESS, "cancel_url", CANCEL,
                "checkout_token", "not-a-token")).expectStatus().isNotFound();
        request(Map.of("consultation_id", id, "success_url", "https://evil.example/ok", "cancel_url", CANCEL,
                "checkout_token", checkoutToken(id))).expectStatus().isBadRequest();
        request(Map.of("consultation_id", id, "success_url", SUCCESS, "cancel_url", "javascript:alert(1)",
                "checkout_token", checkoutToken(id))).expectStatus().isBadRequest();
        request(Map.of("consultation_id", id, "cancel_url", CANCEL, "checkout_token", checkoutToken(id)))
                .expectStatus().isBadRequest();
        request(Map.of("success_url", SUCCESS, "cancel_url", CANCEL, "checkout_token", checkoutToken(id)))
                .expectStatus().isBadRequest();
        web.post().uri("/api/v1/payments/checkout-session").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange().expectStatus().isBadRequest();

        assertThat(fixtures.count("select count(*) from payments where consultation_id = " + id)).isZero();
        assertThat(sessionCalls(id)).isEmpty();
    }

    @Test
    void anUnknownConsultationIsNotFoundAfterAShortWait() {
        long unknown = PaymentFixtures.nextId();
        openCheckout(unknown, checkoutToken(unknown)).expectStatus().isNotFound();
    }

    @Test
    void onlyAConsultationWaitingForPaymentWithALiveHoldCanBePaid() {
        PaymentFixtures.Booked cancelled = fixtures.book(Duration.ofHours(1));
        fixtures.cancel(cancelled, "patient", Instant.now());
        org.awaitility.Awaitility.await().atMost(PaymentFixtures.WITHIN).until(() -> "cancelled".equals(
                fixtures.text("select status from consultations where consultation_id = " + cancelled.consultationId())));
        openCheckout(cancelled.consultationId(), checkoutToken(cancelled.consultationId()))
                .expectStatus().isEqualTo(409);

        PaymentFixtures.Booked expired = fixtures.book(Duration.ofSeconds(-5));
        openCheckout(expired.consultationId(), checkoutToken(expired.consultationId()))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").value(t -> assertThat((String) t).endsWith("/hold-expired"));

        assertThat(fixtures.count("select count(*) from payments where consultation_id in ("
                + cancelled.consultationId() + "," + expired.consultationId() + ")")).isZero();
    }

    @Test
    void aStripeServerErrorIsRetriedWithTheSameIdempotencyKey() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        String scenario = "flaky-" + b.consultationId();
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(containing("client_reference_id=" + b.consultationId()))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"boom\"}}"))
                .willSetStateTo("recovered"));
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).inScenario(scenario).whenScenarioStateIs("recovered")
                .withRequestBody(containing("client_reference_id=" + b.consultationId()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(sessionJson("cs_test_flaky_" + b.consultationId(), "open", "unpaid", null, 4500))));

        openCheckout(b.consultationId(), checkoutToken(b.consultationId())).expectStatus().isCreated()
                .expectBody().jsonPath("$.session_id").isEqualTo("cs_test_flaky_" + b.consultationId());
        List<LoggedRequest> calls = sessionCalls(b.consultationId());
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(c -> assertThat(c.getHeader("Idempotency-Key"))
                .isEqualTo("checkout-" + b.consultationId() + "-1"));
    }

    @Test
    void anOpenBreakerAnswers503WithRetryAfterAndLeavesNothingThatBlocksARetry() {
        PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
        stubSession(b.consultationId(), "cs_test_breaker_" + b.consultationId());
        stripeCircuitBreaker.transitionToForcedOpenState();
        try {
            openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "30")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(sessionCalls(b.consultationId())).isEmpty();
        } finally {
            stripeCircuitBreaker.transitionToClosedState();
        }
        openCheckout(b.consultationId(), checkoutToken(b.consultationId())).expectStatus().isCreated();
        STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo("checkout-" + b.consultationId() + "-1")));
    }

    @Test
    void theCheckoutStatusShowsNoPersonalData() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        String body = web.get().uri("/api/v1/payments/checkout-session/" + o.sessionId()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"payment_status\":\"pending\"", "\"consultation_status\":\"pending_payment\"",
                "\"amount\":4500", "\"currency\":\"eur\"").doesNotContain("@example.test", "Paciente");
        web.get().uri("/api/v1/payments/checkout-session/cs_test_unknown").exchange().expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec request(Map<String, Object> body) {
        return web.post().uri("/api/v1/payments/checkout-session").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec withBearer(long consultationId, String token) {
        return web.post().uri("/api/v1/payments/checkout-session")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("consultation_id", consultationId, "success_url", SUCCESS, "cancel_url", CANCEL))
                .exchange();
    }

    private static List<LoggedRequest> sessionCalls(long consultationId) {
        return STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("client_reference_id=" + consultationId)));
    }
}
