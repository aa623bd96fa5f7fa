package com.telemed.gateway.overload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.gateway.GatewayTestSupport;

import reactor.core.Disposable;

/**
 * Past a service's in-flight limit the gateway refuses at once (503 + Retry-After) instead of queueing: a stub
 * holds the first requests, so the next one can only be answered by the gateway itself.
 */
@TestPropertySource(properties = {
        "telemed.gateway.in-flight.per-service=50",
        "telemed.gateway.in-flight.overrides.pdf-service=2",
        "telemed.gateway.in-flight.retry-after-seconds=3",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=20s" })
class InFlightLimitIT extends GatewayTestSupport {

    @Autowired
    private InFlightLimitFilter limit;

    @Test
    void theRequestPastTheLimitIs503WithRetryAfterWhileTheOthersAreHeld() throws InterruptedException {
        stub(PDF).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
        List<Disposable> held = holdTwoRequests();
        try {
            http.mutate().responseTimeout(Duration.ofSeconds(5)).build()
                    .get().uri("/api/v1/pdf/consultations/3/pdf")
                    .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/service-unavailable")
                    .jsonPath("$.detail").isEqualTo("pdf-service is busy; retry after 3 seconds")
                    .jsonPath("$.request_id").isNotEmpty();
            // The refused request never reached the service.
            assertThat(received(PDF)).hasSize(2);

            // Another service has its own budget.
            http.get().uri("/api/v1/templates")
                    .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                    .exchange()
                    .expectStatus().isOk();
        } finally {
            held.forEach(Disposable::dispose);
        }
    }

    @Test
    void permitsComeBackWhenHeldRequestsAreCancelled() throws InterruptedException {
        stub(PDF).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
        holdTwoRequests().forEach(Disposable::dispose);
        awaitInFlight(0);

        stub(PDF).resetAll();
        stub(PDF).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")
                .withHeader("Content-Type", "application/json")));
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/v1/pdf/consultations/3/pdf")
                    .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                    .exchange()
                    .expectStatus().isOk();
        }
        // Three in a row under a limit of two: each answered request gave its permit back (a moment after the
        // client read the answer, when the exchange completes on the server).
        awaitInFlight(0);
    }

    /** Two requests the stub holds, each counted by the gateway before this returns. */
    private List<Disposable> holdTwoRequests() throws InterruptedException {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Disposable> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(client.get().uri("/api/v1/pdf/consultations/{id}/pdf", i + 1)
                    .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                    .header("X-Forwarded-For", randomClientAddress())
                    .retrieve().toBodilessEntity().subscribe(ok -> { }, error -> { }));
        }
        awaitInFlight(2);
        return held;
    }

    private void awaitInFlight(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (limit.inFlight(PDF) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(limit.inFlight(PDF)).as("requests in flight to pdf-service").isEqualTo(expected);
    }
}
