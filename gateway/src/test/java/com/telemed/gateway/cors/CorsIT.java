package com.telemed.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.telemed.gateway.GatewayTestSupport;

class CorsIT extends GatewayTestSupport {

    @Test
    void preflightFromTheWebOriginIsAnsweredAtTheGateway() {
        http.options().uri("/api/v1/consultations/me")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, X-Request-Id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("PATCH"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization").contains("content-type").contains("x-request-id"));
        assertNothingReachedAnyStub();
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        http.options().uri("/api/v1/consultations/me")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/cors-rejected");
        assertNothingReachedAnyStub();
    }

    @Test
    void preflightAskingForAnUnlistedHeaderIsRefused() {
        http.options().uri("/api/v1/consultations/me")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "X-Debug")
                .exchange()
                .expectStatus().isForbidden();
        assertNothingReachedAnyStub();
    }

    @Test
    void actualCrossOriginRequestFromTheWebOriginGetsCorsHeaders() {
        http.get().uri("/api/v1/consultations/public/doctors")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id"));
        assertOnlyReached(BOOKING, "/api/v1/consultations/public/doctors");
    }

    @Test
    void actualCrossOriginRequestFromAnotherOriginIsRefused() {
        http.post().uri("/api/v1/consultations/public/book")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden();
        assertNothingReachedAnyStub();
    }
}
