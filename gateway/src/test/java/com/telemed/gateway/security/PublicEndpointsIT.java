package com.telemed.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;

import com.telemed.gateway.GatewayTestSupport;
import com.telemed.webkit.PublicEndpoints;

/**
 * The one list of public endpoints, checked against the gateway: each passes without a token and reaches the
 * service it is declared for (which opens the same entry in its own security chain).
 */
class PublicEndpointsIT extends GatewayTestSupport {

    static Stream<PublicEndpoints.Endpoint> endpoints() {
        return PublicEndpoints.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void passesWithoutATokenToTheServiceThatDeclaresIt(PublicEndpoints.Endpoint endpoint) {
        String path = endpoint.pattern().replace("/**", "/example").replace("/*", "/example");
        HttpMethod method = endpoint.method() == null ? HttpMethod.GET : endpoint.method();
        http.method(method).uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", endpoint.service());
        assertThat(assertOnlyReached(endpoint.service(), path).getMethod().getName()).isEqualTo(method.name());
    }
}
