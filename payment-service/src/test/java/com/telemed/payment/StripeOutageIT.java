package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Stripe down (every call answered 500, or too slow to answer) while patients open checkouts and a refund falls due:
 * the breaker opens by itself, patients get a quick 503 with Retry-After, the refund waits in its queue, and once
 * Stripe answers again the breaker closes and the refund completes exactly once. Its own context: a breaker that
 * opens after four calls and stays open two seconds, so the test sees every state.
 */
@TestPropertySource(properties = {
        "telemed.db.schema=payment_outage",
        "telemed.payments.consumer-group=payment-outage-it",
        "telemed.payments.stripe.retries=1",
        "telemed.payments.stripe.read-timeout=1s",
        "telemed.payments.stripe.breaker-minimum-calls=4",
        "telemed.payments.stripe.breaker-open-for=2s" })
class StripeOutageIT extends StripeStubbedTest {

    @Autowired
    CircuitBreaker stripeCircuitBreaker;

    @Test
    void theBreakerOpensOnFailuresAndTheRefundCompletesOnceStripeIsBack() {
        Opened paid = paidConsultation(Instant.now().plus(Duration.ofDays(3)));
        List<StubMapping> outage = List.of(
                STRIPE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).atPriority(1)
                        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"outage\"}}"))),
                STRIPE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/refunds"))
                        .atPriority(1).willReturn(aResponse().withStatus(200).withFixedDelay(3_000))));
        List<Integer> answers = new ArrayList<>();
        try {
            fixtures.cancel(paid.booked(), "doctor", Instant.now()); // a full refund falls due while Stripe is down

            for (int i = 0; i < 6; i++) {
                PaymentFixtures.Booked b = fixtures.book(Duration.ofHours(1));
                answers.add(openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("Retry-After")
                        .expectBody().returnResult().getStatus().value());
            }
            assertThat(answers).containsOnly(503);
            assertThat(stripeCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            int callsWhileOpen = STRIPE.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                    .build()).getCount();
            PaymentFixtures.Booked refused = fixtures.book(Duration.ofHours(1));
            openCheckout(refused.consultationId(), checkoutToken(refused.consultationId()))
                    .expectStatus().isEqualTo(503);
            assertThat(STRIPE.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/checkout/sessions")).build()).getCount())
                    .as("an open breaker keeps calls away from Stripe").isEqualTo(callsWhileOpen);

            await().atMost(PaymentFixtures.WITHIN).until(() -> fixtures.count(
                    "select coalesce(max(attempts), 0) from refunds where payment_id = " + paid.paymentId()) >= 1);
            assertThat(status(paid.paymentId())).isEqualTo("succeeded");
        } finally {
            outage.forEach(STRIPE::removeStub);
        }

        awaitStatus(paid.paymentId(), "refunded");
        assertThat(fixtures.count("select count(*) from refunds where payment_id = " + paid.paymentId()
                + " and status = 'succeeded'")).isEqualTo(1);
        assertThat(PaymentFixtures.publishedTypes(paid.booked().consultationId(), 2))
                .containsExactly("payment.confirmed", "payment.refunded");
        await().atMost(PaymentFixtures.WITHIN).untilAsserted(() -> {
            PaymentFixtures.Booked after = fixtures.book(Duration.ofHours(1));
            stubSession(after.consultationId(), "cs_test_after_outage_" + after.consultationId());
            openCheckout(after.consultationId(), checkoutToken(after.consultationId())).expectStatus().isCreated();
        });
        assertThat(stripeCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

}
