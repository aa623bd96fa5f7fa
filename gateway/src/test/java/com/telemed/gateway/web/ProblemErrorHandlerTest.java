package com.telemed.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.json.JsonMapper;
import com.telemed.webkit.ProblemWriter;

/** Failure modes that the integration tests cannot stage cheaply (auth-service's key set unreachable, bugs). */
class ProblemErrorHandlerTest {

    private final ProblemErrorHandler handler = new ProblemErrorHandler(new ProblemWriter(JsonMapper.builder().build()));

    private MockServerWebExchange handle(Throwable error) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/consultations/me"));
        exchange.getAttributes().put(RequestIdFilter.ATTRIBUTE, "req-12345678");
        handler.handle(exchange, error).block();
        return exchange;
    }

    @Test
    void unreachableKeySetIs503AuthenticationUnavailable() {
        MockServerWebExchange exchange = handle(new AuthenticationServiceException("An error occurred while attempting "
                + "to decode the Jwt", new IllegalStateException(new ConnectException("Connection refused"))));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://telemed.dev/problems/authentication-unavailable\"")
                .contains("\"request_id\":\"req-12345678\"");
    }

    @Test
    void timeoutsAre504() {
        assertThat(handle(new TimeoutException("slow")).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void methodNotAllowedKeepsItsStatus() {
        assertThat(handle(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED)).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void anUnexpectedErrorIs500WithoutItsMessageOrStackTrace() {
        MockServerWebExchange exchange = handle(new IllegalStateException("secret internals at line 42"));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("https://telemed.dev/problems/internal-error")
                .doesNotContain("secret internals")
                .doesNotContain("IllegalStateException");
    }
}
