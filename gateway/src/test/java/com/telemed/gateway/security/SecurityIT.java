package com.telemed.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.telemed.gateway.GatewayTestSupport;
import com.telemed.testkit.TestTokens;

/** Protected API paths need a valid RS256 token at the edge; open ones work without; a rejection never leaks. */
class SecurityIT extends GatewayTestSupport {

    static Stream<Arguments> publicEndpoints() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/v1/auth/login", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/login/mfa", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/patient-login", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/login-temporary", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/reset-password", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/reset-password-confirm", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/register-medical-professional", AUTH),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/refresh", AUTH),
                Arguments.of(HttpMethod.GET, "/api/v1/auth/.well-known/jwks.json", AUTH),
                Arguments.of(HttpMethod.GET, "/api/v1/consultations/public/doctors", BOOKING),
                Arguments.of(HttpMethod.POST, "/api/v1/consultations/public/book", BOOKING),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/checkout-session", PAYMENT),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/webhook", PAYMENT),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/checkout-session/cs_test_1", PAYMENT),
                Arguments.of(HttpMethod.GET, "/dev/checkout/cs_test_1", PAYMENT),
                Arguments.of(HttpMethod.POST, "/dev/checkout/cs_test_1/pay", PAYMENT),
                Arguments.of(HttpMethod.GET, "/dev/mailbox", NOTIFICATION),
                Arguments.of(HttpMethod.GET, "/", WEB),
                Arguments.of(HttpMethod.GET, "/doctor", WEB));
    }

    static Stream<Arguments> protectedEndpoints() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/auth/me"),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/change-password"),
                // Open for POST only: reading the login endpoint is not public.
                Arguments.of(HttpMethod.GET, "/api/v1/auth/login"),
                Arguments.of(HttpMethod.GET, "/api/v1/consultations/me"),
                Arguments.of(HttpMethod.DELETE, "/api/v1/consultations/public/book"),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/consultations"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/doctor/payments"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/consultations"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/admin/payments"),
                // Only one level below the checkout is public: its status by session id.
                Arguments.of(HttpMethod.POST, "/api/v1/payments/checkout-session/cs_test_1/refund"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients/5/history"),
                Arguments.of(HttpMethod.POST, "/api/v1/video/consultations/1/start-video"),
                Arguments.of(HttpMethod.GET, "/api/v1/admin/medical-professionals"),
                Arguments.of(HttpMethod.GET, "/api/v1/admin/notifications/failed"),
                Arguments.of(HttpMethod.GET, "/api/v1/pdf_clinica/consultations/3/pdf"),
                Arguments.of(HttpMethod.GET, "/api/v1/templates"));
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.<Arguments>of(
                Arguments.of("forged", (Supplier<String>) () -> TestTokens.forged("doctor", 42)),
                Arguments.of("alg none", (Supplier<String>) () -> TestTokens.unsigned("doctor", 42)),
                Arguments.of("expired", (Supplier<String>) () -> TestTokens.expired("doctor", 42)),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-jwt"),
                Arguments.of("wrong issuer", (Supplier<String>) () -> TestTokens.mint("doctor", 42,
                        Map.of("iss", "someone-else"))),
                Arguments.of("wrong audience", (Supplier<String>) () -> TestTokens.mint("doctor", 42,
                        Map.of("aud", List.of("another-app")))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("publicEndpoints")
    void publicEndpointsWorkWithoutAToken(HttpMethod method, String path, String service) {
        http.method(method).uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", service);
        assertOnlyReached(service, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedEndpoints")
    void protectedEndpointsWithoutATokenAreRejectedAtTheGateway(HttpMethod method, String path) {
        http.method(method).uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.request_id").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
        assertNothingReachedAnyStub();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void invalidTokensAreRejectedAtTheGateway(String kind, Supplier<String> token) {
        http.get().uri("/api/v1/consultations/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(token.get()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty();
        assertNothingReachedAnyStub();
    }

    @Test
    void aValidTokenIsForwardedUnchanged() {
        String token = validToken();
        http.get().uri("/api/v1/consultations/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", BOOKING);
        assertThat(assertOnlyReached(BOOKING, "/api/v1/consultations/me").getHeader(HttpHeaders.AUTHORIZATION))
                .isEqualTo(bearer(token));
    }

    @Test
    void anExpiredTokenDoesNotBlockRefreshingIt() {
        String stale = TestTokens.expired("doctor", 42);
        http.post().uri("/api/v1/auth/refresh")
                .header(HttpHeaders.AUTHORIZATION, bearer(stale))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", AUTH);
        assertOnlyReached(AUTH, "/api/v1/auth/refresh");
    }

    @Test
    void unknownApiPathIsAProblem404ForAnAuthenticatedCaller() {
        http.get().uri("/api/v1/nope")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/v1/nope")
                .jsonPath("$.request_id").isNotEmpty();
        assertNothingReachedAnyStub();
    }

    @Test
    void unknownApiPathWithoutATokenIsAProblem404NotForwarded() {
        http.get().uri("/api/v1/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found");
        http.post().uri("/api/v2/consultations").exchange().expectStatus().isNotFound();
        assertNothingReachedAnyStub();
    }

    @Test
    void everyApiPatternOfEveryServiceRouteNeedsATokenUnlessPublic() {
        for (String path : List.of("/api/v1/templates/1", "/api/v1/doctor/patients/5/history", "/api/v1/video/x",
                "/api/v1/admin/medical-professionals", "/api/v1/payments/consultations", "/api/v1/pdf_clinica/a",
                "/api/v1/admin/notifications/1", "/api/v1/doctor/agenda/slots")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        assertNothingReachedAnyStub();
    }

    /**
     * A trailing slash must neither slip past the token check nor reach a service: routes do not match it, and
     * the protected paths do, so the answer is 401 before anything is routed.
     */
    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/doctor/patients/", "/api/v1/auth/me/", "/api/v1/admin/medical-professionals/",
            "/api/v1/payments/consultations/", "/api/v1/auth/login/" })
    void aTrailingSlashNeedsATokenAndIsNotRouted(String path) {
        http.get().uri(raw(path)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertNothingReachedAnyStub();
    }

    @Test
    void aTrailingSlashWithATokenIsNotRouted() {
        http.get().uri(raw("/api/v1/doctor/patients/"))
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertNothingReachedAnyStub();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/consultations/public/../me",
            "/api/v1/consultations/public/%2e%2e/me",
            "/api/v1/consultations/public/..%2Fme",
            "/api/v1/consultations/public//../me",
            "/api/v1//doctor/patients" })
    void pathTricksDoNotReachAProtectedEndpointWithoutAToken(String path) {
        http.get().uri(raw(path)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/bad-request");
        assertNothingReachedAnyStub();
    }
}
