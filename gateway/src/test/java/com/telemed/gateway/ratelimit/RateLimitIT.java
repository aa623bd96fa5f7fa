package com.telemed.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import com.telemed.gateway.GatewayTestSupport;

/** The test profile allows 3 logins per client in a burst, refilled at 1 per minute; the client address comes from
 * {@code X-Forwarded-For} (trusted in the test profile). */
class RateLimitIT extends GatewayTestSupport {

    private static final int CAPACITY = 3;

    @Test
    void theLoginAfterTheBurstIsRefusedWithRetryAfterWhileAnotherClientStillPasses() {
        String client = "203.0.113.7";
        for (int i = 0; i < CAPACITY; i++) {
            // login and login-temporary share one bucket.
            login(client, i % 2 == 0 ? "/api/v1/auth/login" : "/api/v1/auth/login-temporary")
                    .expectStatus().isOk();
        }
        assertThat(received(AUTH)).hasSize(CAPACITY);

        String retryAfter = login(client, "/api/v1/auth/login")
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/too-many-requests")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.instance").isEqualTo("/api/v1/auth/login")
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        assertThat(received(AUTH)).as("the refused login never reached auth-service").hasSize(CAPACITY);

        // A trailing slash is routed like the plain path, so it draws from the same bucket.
        login(client, "/api/v1/auth/login/").expectStatus().isEqualTo(429);

        login("203.0.113.8", "/api/v1/auth/login").expectStatus().isOk();
        assertThat(received(AUTH)).hasSize(CAPACITY + 1);
    }

    /** The test profile allows 2 per client for these groups. */
    @ParameterizedTest
    @CsvSource({
            "/api/v1/auth/reset-password, /api/v1/auth/reset-password-confirm, auth-service",
            "/api/v1/consultations/public/book, /api/v1/consultations/public/book, booking-service" })
    void resetAndPublicBookingAreThrottledToo(String first, String second, String service) {
        String client = randomClientAddress();
        login(client, first).expectStatus().isOk();
        login(client, second).expectStatus().isOk();
        login(client, first).expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertThat(received(service)).hasSize(2);
    }

    @Test
    void theClientAddressIsTheOneTheNearestProxyAppended() {
        String client = "198.51.100.20";
        for (int i = 0; i < CAPACITY; i++) {
            login("1.2.3." + i + ", " + client, "/api/v1/auth/login").expectStatus().isOk();
        }
        // Spoofing a different leftmost entry does not buy a fresh bucket.
        login("9.9.9.9, " + client, "/api/v1/auth/login").expectStatus().isEqualTo(429);
    }

    @Test
    void otherEndpointsAreNotThrottledByTheLoginBucket() {
        String client = "203.0.113.50";
        for (int i = 0; i <= CAPACITY; i++) {
            login(client, "/api/v1/auth/login");
        }
        http.post().uri("/api/v1/auth/refresh").header("X-Forwarded-For", client).exchange()
                .expectStatus().isOk();
    }

    private ResponseSpec login(String forwardedFor, String path) {
        return http.post().uri(path)
                .header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"doctor@example.test\",\"password\":\"x\"}")
                .exchange();
    }
}
