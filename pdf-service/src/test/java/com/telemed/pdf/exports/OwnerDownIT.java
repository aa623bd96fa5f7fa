package com.telemed.pdf.exports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

/**
 * An owner that fails: booking-service answering 500 (retried, then the circuit breaker stops calling it) and
 * clinical-service not listening at all. Every download is a 503 problem with Retry-After, never a broken PDF.
 */
@ServiceTest
@TestPropertySource(properties = { "telemed.pdf.retries=2", "telemed.pdf.retry-backoff=50ms",
        "telemed.pdf.breaker-minimum-calls=4", "telemed.pdf.breaker-open-for=60s", "telemed.pdf.connect-timeout=1s",
        "telemed.pdf.retry-after=7s" })
class OwnerDownIT {

    private static final WireMockServer BOOKING = new WireMockServer(options().dynamicPort());

    static {
        BOOKING.start();
        BOOKING.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));
    }

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) {
        registry.add("telemed.pdf.booking-url", BOOKING::baseUrl);
        registry.add("telemed.pdf.clinical-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stop() {
        BOOKING.stop();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient db;

    @Test
    void ownerAnswering500IsRetriedThen503WithRetryAfterAndTheBreakerStopsCallingIt() {
        String patient = TestTokens.mint("patient", 900);
        int before = consultationCalls();
        unavailable("/api/v1/pdf/consultations/12/pdf", patient);
        // One download: the first try and two retries.
        assertThat(consultationCalls() - before).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            unavailable("/api/v1/pdf_clinica/consultations/12/pdf", patient);
        }
        int whenOpen = BOOKING.getAllServeEvents().size();
        for (int i = 0; i < 3; i++) {
            unavailable("/api/v1/pdf/consultations/12/pdf", patient);
        }
        assertThat(BOOKING.getAllServeEvents().size()).as("no call while the breaker is open").isEqualTo(whenOpen);
        assertThat(db.sql("select count(*) from audit_log where outcome = 'success' and resource like 'pdf:%'")
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void ownerNotListeningIs503WithRetryAfter() {
        String doctor = TestTokens.mint("doctor", 901);
        unavailable("/api/v1/pdf/patients/77/history/pdf", doctor);
        unavailable("/api/v1/pdf_clinica/patients/77/complaint/5/pdf", doctor);
    }

    private static int consultationCalls() {
        return BOOKING.findAll(getRequestedFor(urlPathMatching("/api/v1/consultations/12"))).size();
    }

    private void unavailable(String path, String token) {
        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/owner-unavailable");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
