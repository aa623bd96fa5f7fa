package com.telemed.servicekit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

/** The kit's error handling and security, seen from a client of a service built on it. */
@ServiceTest
class ServiceKitIT {

    @Autowired
    WebTestClient web;

    @Test
    void malformedJsonIsA400Problem() {
        web.post().uri("/open/patients").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"full_name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/malformed-body")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.request_id").exists();
    }

    @Test
    void invalidFieldsAreA400ProblemNamingEachFieldInSnakeCase() {
        web.post().uri("/open/patients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"full_name\": \"\", \"email\": \"not-an-email\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/validation")
                .jsonPath("$.errors[?(@.field == 'full_name')]").exists()
                .jsonPath("$.errors[?(@.field == 'email')]").exists();
    }

    @Test
    void validJsonUsesSnakeCaseBothWays() {
        web.post().uri("/open/patients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"full_name\": \"Ana\", \"email\": \"ana@example.org\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.full_name").isEqualTo("Ana");
    }

    @Test
    void anApiExceptionKeepsItsStatusTypeAndDetail() {
        web.get().uri("/open/conflict").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/slot-taken")
                .jsonPath("$.detail").isEqualTo("That slot was just taken");
    }

    @Test
    void anUnexpectedFailureIsABare500WithoutInternals() {
        String body = web.get().uri("/open/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        org.assertj.core.api.Assertions.assertThat(body)
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("\tat ");
    }

    @Test
    void theTokenSubjectAndRoleReachTheService() {
        web.get().uri("/api/v1/whoami").headers(h -> h.setBearerAuth(TestTokens.mint("doctor", 42))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.subject").isEqualTo("42")
                .jsonPath("$.role").isEqualTo("doctor");
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        String otherAudience = io.jsonwebtoken.Jwts.builder().subject("1").claim("role", "admin")
                .issuer(TestTokens.ISSUER).audience().add("someone-else").and()
                .expiration(new java.util.Date(System.currentTimeMillis() + 60_000))
                .signWith(io.jsonwebtoken.Jwts.SIG.HS256.key().build()).compact();
        web.get().uri("/api/v1/whoami").headers(h -> h.setBearerAuth(otherAudience)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aRoleWithoutPermissionGetsA403Problem() {
        web.get().uri("/api/v1/admin-only").headers(h -> h.setBearerAuth(TestTokens.mint("doctor", 42))).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/admin-only").headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aWrongMethodIsA405Problem() {
        web.delete().uri("/open/conflict").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
