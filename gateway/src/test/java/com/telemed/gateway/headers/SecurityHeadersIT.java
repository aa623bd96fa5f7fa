package com.telemed.gateway.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.telemed.gateway.GatewayTestSupport;

import reactor.core.publisher.Mono;

/** Every answer carries a CSP, a Permissions-Policy that keeps camera and microphone to the video page, and HSTS. */
class SecurityHeadersIT extends GatewayTestSupport {

    private static final String WEB_CSP = "default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors 'none'";

    @Test
    void apiAnswersAndTheGatewaysOwnRefusalsAllowNothing() {
        for (String path : new String[] { "/api/v1/nope", "/api/v1/consultations/me", "/api/health" }) {
            HttpHeaders headers = http.get().uri(path).exchange().returnResult(String.class).getResponseHeaders();
            assertThat(headers.getFirst("Content-Security-Policy")).as(path)
                    .isEqualTo(SecurityHeadersFilter.API_POLICY);
            assertThat(headers.getFirst("Permissions-Policy")).as(path).startsWith("camera=(), microphone=()");
            assertThat(headers.getFirst("Strict-Transport-Security")).as(path).startsWith("max-age=");
            assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void theWebsOwnNoncePolicyPassesAndOnlyTheVideoPageMayUseCameraAndMicrophone() {
        stub(WEB).stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Security-Policy", WEB_CSP).withHeader("Content-Type", "text/html")
                .withBody("<html></html>")));

        HttpHeaders video = http.get().uri("/video-room/42").exchange().returnResult(String.class)
                .getResponseHeaders();
        assertThat(video.get("Content-Security-Policy")).containsExactly(WEB_CSP);
        assertThat(video.getFirst("Permissions-Policy"))
                .contains("camera=(self \"https://meet.jit.si\")", "microphone=(self \"https://meet.jit.si\")");

        HttpHeaders home = http.get().uri("/").exchange().returnResult(String.class).getResponseHeaders();
        assertThat(home.getFirst("Permissions-Policy")).startsWith("camera=(), microphone=()");
        HttpHeaders lookalike = http.get().uri("/video-roomx").exchange().returnResult(String.class)
                .getResponseHeaders();
        assertThat(lookalike.getFirst("Permissions-Policy")).startsWith("camera=(), microphone=()");
    }

    @Test
    void noHstsInLocalMode() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        new SecurityHeadersFilter("meet.example", true).filter(exchange, e -> Mono.empty()).block();
        exchange.getResponse().setComplete().block();

        assertThat(exchange.getResponse().getHeaders().getFirst("Strict-Transport-Security")).isNull();
        assertThat(exchange.getResponse().getHeaders().getFirst("Content-Security-Policy")).isNotNull();
    }
}
