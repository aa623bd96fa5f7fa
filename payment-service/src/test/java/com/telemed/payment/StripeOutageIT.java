package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
 * opens after four calls and stays open five seconds, so the test sees every state.
 */
@TestPropertySource(properties = {
        "telemed.db.schema=payment_outage",
        "telemed.payments.consumer-group=payment-outage-it",
        "telemed.payments.stripe.retries=1",
        "telemed.payments.stripe.read-timeout=1s",
        "telemed.payments.stripe.breaker-minimum-calls=4",
        "telemed.payments.stripe.breaker-open-for=5s" })
class StripeOutageIT extends StripeStubbedTest {

    @Autowired
    CircuitBreaker stripeCircuitBreaker;

    @Test
    void theBreakerOpensOnFailuresAndTheRefundCompletesOnceStripeIsBack() {
        Opened paid = paidConsultation(Instant.now().plus(Duration.ofDays(3)));
        // Booked beforehand, so that the checkouts below follow each other without waiting for the projection.
        List<PaymentFixtures.Booked> booked = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            booked.add(fixtures.book(Duration.ofHours(1)));
        }
        List<StubMapping> outage = List.of(
                STRIPE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).atPriority(1)
                        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"outage\"}}"))),
                STRIPE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/refunds"))
                        .atPriority(1).willReturn(aResponse().withStatus(200).withFixedDelay(3_000))));
        List<Integer> answers = new ArrayList<>();
        try {
            fixtures.cancel(paid.booked(), "doctor", Instant.now()); // a full refund falls due while Stripe is down

            for (PaymentFixtures.Booked b : booked.subList(0, 6)) {
                answers.add(openCheckout(b.consultationId(), checkoutToken(b.consultationId()))
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("Retry-After")
                        .expectBody().returnResult().getStatus().value());
            }
            assertThat(answers).containsOnly(503);
            assertThat(stripeCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            long refusedBefore = stripeCircuitBreaker.getMetrics().getNumberOfNotPermittedCalls();
            PaymentFixtures.Booked refused = booked.get(6);
            openCheckout(refused.consultationId(), checkoutToken(refused.consultationId()))
                    .expectStatus().isEqualTo(503);
            // Refused by the breaker itself, without calling Stripe (counted as not permitted).
            assertThat(stripeCircuitBreaker.getMetrics().getNumberOfNotPermittedCalls())
                    .as("an open breaker keeps calls away from Stripe").isGreaterThan(refusedBefore);

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
            // Half-open lets two calls through; their success closes it.
            assertThat(stripeCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

}
