package com.telemed.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.gateway.GatewayTestSupport;
import com.telemed.webkit.ClientIp;

/**
 * Services learn the client's address only from the gateway's {@code X-Telemed-Client-Ip}: the address the rate
 * limiter counts (here the last {@code X-Forwarded-For} entry, trusted in the test profile), never a value the
 * client chose.
 */
class ClientIpIT extends GatewayTestSupport {

    @Test
    void aClientSentClientIpHeaderIsOverwritten() {
        String client = randomClientAddress();
        http.get().uri("/api/v1/consultations/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .header("X-Forwarded-For", client)
                .header(ClientIp.HEADER, "6.6.6.6")
                .exchange()
                .expectStatus().isOk();
        LoggedRequest request = assertOnlyReached(BOOKING, "/api/v1/consultations/me");
        assertThat(request.getHeaders().getHeader(ClientIp.HEADER).values()).containsExactly(client);
    }

    @Test
    void aSpoofedLeftmostForwardedForEntryIsNotTheClientAddress() {
        // A client of its own: the login bucket is shared with the rate-limit tests.
        String client = randomClientAddress();
        http.post().uri("/api/v1/auth/login")
                .header("X-Forwarded-For", "9.9.9.9, " + client)
                .header(ClientIp.HEADER, "9.9.9.9")
                .exchange()
                .expectStatus().isOk();
        LoggedRequest request = assertOnlyReached(AUTH, "/api/v1/auth/login");
        assertThat(request.getHeaders().getHeader(ClientIp.HEADER).values()).containsExactly(client);
    }

    @Test
    void withoutAForwardedForEntryTheClientAddressIsThePeer() {
        http.get().uri("/reserva")
                .header("X-Forwarded-For", "not an address")
                .header(ClientIp.HEADER, "6.6.6.6")
                .exchange()
                .expectStatus().isOk();
        LoggedRequest request = assertOnlyReached(WEB, "/reserva");
        assertThat(request.getHeaders().getHeader(ClientIp.HEADER).values()).containsExactly("127.0.0.1");
    }
}
