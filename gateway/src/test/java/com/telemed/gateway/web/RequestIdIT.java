package com.telemed.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.telemed.gateway.GatewayTestSupport;

class RequestIdIT extends GatewayTestSupport {

    @Test
    void aSafeIncomingIdIsForwardedAndReturnedOnce() {
        String id = "req-2026.02_abc";
        List<String> returned = http.get().uri("/api/v1/consultations/public/doctors")
                .header(RequestIdFilter.HEADER, id)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().get(RequestIdFilter.HEADER);
        assertThat(returned).containsExactly(id);
        assertThat(assertOnlyReached(BOOKING, "/api/v1/consultations/public/doctors")
                .getHeaders().getHeader(RequestIdFilter.HEADER).values()).containsExactly(id);
    }

    @Test
    void aMissingIdIsGeneratedForwardedAndReturned() {
        String returned = http.get().uri("/reserva").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIdFilter.HEADER);
        assertThat(returned).matches("[0-9a-f-]{36}");
        assertThat(assertOnlyReached(WEB, "/reserva").getHeader(RequestIdFilter.HEADER)).isEqualTo(returned);
    }

    @Test
    void anUnsafeIdIsReplaced() {
        for (String unsafe : List.of("short", "has space in it", "x".repeat(65), "<script>alert(1)</script>")) {
            String returned = http.get().uri("/").header(RequestIdFilter.HEADER, unsafe).exchange()
                    .returnResult(String.class).getResponseHeaders().getFirst(RequestIdFilter.HEADER);
            assertThat(returned).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void aServiceEchoingTheIdDoesNotDuplicateIt() {
        stub(BOOKING).stubFor(any(anyUrl()).willReturn(ok().withHeader(RequestIdFilter.HEADER, "echoed-by-service")));
        List<String> returned = http.get().uri("/api/v1/consultations/public/doctors")
                .header(RequestIdFilter.HEADER, "from-client-1")
                .exchange()
                .returnResult(String.class).getResponseHeaders().get(RequestIdFilter.HEADER);
        assertThat(returned).containsExactly("from-client-1");
    }

    @Test
    void gatewayProblemsCarryTheId() {
        http.get().uri("/api/v1/consultations/me")
                .header(RequestIdFilter.HEADER, "problem-id-1")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(RequestIdFilter.HEADER, "problem-id-1")
                .expectBody().jsonPath("$.request_id").isEqualTo("problem-id-1");
    }
}
