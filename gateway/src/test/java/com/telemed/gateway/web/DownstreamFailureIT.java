package com.telemed.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import com.github.tomakehurst.wiremock.http.Fault;
import com.telemed.gateway.GatewayTestSupport;

/** Failures of a service become gateway problems; a service's own answers, errors included, pass untouched. */
class DownstreamFailureIT extends GatewayTestSupport {

    @Test
    void aStoppedServiceIs503() {
        stub(PDF).stop();
        http.get().uri("/api/v1/pdf/consultations/3/pdf")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/service-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("pdf-service is not reachable right now")
                .jsonPath("$.request_id").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIs504() {
        stub(VIDEO).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        http.get().uri("/api/v1/video/consultations/1/video-info")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/gateway-timeout")
                .jsonPath("$.detail").isEqualTo("video-service did not answer in time");
    }

    @Test
    void aServiceThatBreaksTheConnectionIs502() {
        stub(CLINICAL).stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        http.get().uri("/api/v1/templates")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/bad-gateway");
    }

    @Test
    void aServicesOwnProblemPassesThroughUntouched() {
        String problem = "{\"type\":\"https://telemed.dev/problems/slot-taken\",\"title\":\"Conflict\","
                + "\"status\":409,\"detail\":\"That slot was just booked\",\"instance\":\"/api/v1/consultations/public/book\"}";
        stub(BOOKING).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
        http.post().uri("/api/v1/consultations/public/book")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(problem, JsonCompareMode.STRICT);
    }

    @Test
    void aServicesOwn404AndCachingHeadersPassThrough() {
        stub(WEB).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withHeader("Cache-Control", "public, max-age=60")
                .withBody("<html>not here</html>")));
        http.get().uri("/no-such-page").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .expectBody(String.class).isEqualTo("<html>not here</html>");
    }
}
