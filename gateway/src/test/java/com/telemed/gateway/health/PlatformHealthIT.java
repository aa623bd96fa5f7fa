package com.telemed.gateway.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.gateway.GatewayTestSupport;

class PlatformHealthIT extends GatewayTestSupport {

    @Autowired
    Environment environment;

    @Test
    void allUpIs200AndNamesEveryService() {
        http.get().uri("/api/health").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.services.length()").isEqualTo(8)
                .jsonPath("$.services.auth-service.status").isEqualTo("UP")
                .jsonPath("$.services.booking-service.status").isEqualTo("UP")
                .jsonPath("$.services.payment-service.status").isEqualTo("UP")
                .jsonPath("$.services.video-service.status").isEqualTo("UP")
                .jsonPath("$.services.clinical-service.status").isEqualTo("UP")
                .jsonPath("$.services.notification-service.status").isEqualTo("UP")
                .jsonPath("$.services.pdf-service.status").isEqualTo("UP")
                .jsonPath("$.services.web.status").isEqualTo("UP");
        STUBS.forEach((name, server) -> assertThat(received(name)).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo(WEB.equals(name) ? "/" : "/readyz")));
    }

    @Test
    void aServiceReportingDownMakesThePlatform503() {
        stub(PAYMENT).stubFor(get(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"DOWN\"}")));
        http.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.services.payment-service.status").isEqualTo("DOWN")
                .jsonPath("$.services.booking-service.status").isEqualTo("UP")
                .jsonPath("$.services.web.status").isEqualTo("UP");
    }

    @Test
    void anUnreachableServiceIsDown() {
        stub(VIDEO).stop();
        http.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.services.video-service.status").isEqualTo("DOWN")
                .jsonPath("$.services.auth-service.status").isEqualTo("UP");
    }

    @Test
    void aServiceTooSlowToAnswerIsDownWithinTheTimeout() {
        stub(CLINICAL).stubFor(get(urlEqualTo("/readyz")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3000)));
        long start = System.nanoTime();
        http.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.services.clinical-service.status").isEqualTo("DOWN");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2900);
    }

    @Test
    void theGatewaysOwnActuatorIsServedOnItsManagementPortOnly() {
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + environment.getRequiredProperty("local.management.port"))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        management.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("jvm_memory_used_bytes")
                        .contains("http_server_requests_seconds_bucket"));
        // The public port serves none of it, not even health or metrics.
        for (String hidden : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/env",
                "/actuator/gateway/routes", "/actuator" }) {
            http.get().uri(hidden).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult();
        }
        assertNothingReachedAnyStub();
    }

    @Test
    void servicesActuatorsAreNeverReachableThroughTheGateway() {
        for (String path : new String[] { "/api/v1/auth/actuator/env", "/api/actuator/health" }) {
            var status = http.get().uri(path).exchange().returnResult(String.class).getStatus();
            assertThat(status.is2xxSuccessful()).as(path).isFalse();
        }
        assertThat(received(AUTH)).allSatisfy(r -> assertThat(r.getUrl()).doesNotStartWith("/actuator"));
        assertThat(received(WEB)).isEmpty();
    }
}
