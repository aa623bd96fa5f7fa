package com.telemed.webkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientIpTest {

    private static MockServerHttpRequest.BaseBuilder<?> fromPeer(String address) {
        return MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(address, 40000));
    }

    @Test
    void readsTheGatewaysHeader() {
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header(ClientIp.HEADER, "203.0.113.9").build()))
                .isEqualTo("203.0.113.9");
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header(ClientIp.HEADER, "2001:db8::7").build()))
                .isEqualTo("2001:db8::7");
    }

    @Test
    void neverReadsForwardedFor() {
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header("X-Forwarded-For", "6.6.6.6").build()))
                .isEqualTo("10.0.0.5");
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header("X-Forwarded-For", "6.6.6.6")
                .header(ClientIp.HEADER, "198.51.100.1").build())).isEqualTo("198.51.100.1");
    }

    @Test
    void aMalformedOrRepeatedHeaderFallsBackToThePeer() {
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header(ClientIp.HEADER, "not an address").build()))
                .isEqualTo("10.0.0.5");
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header(ClientIp.HEADER, "9".repeat(500)).build()))
                .isEqualTo("10.0.0.5");
        assertThat(ClientIp.of(fromPeer("10.0.0.5").header(ClientIp.HEADER, "1.1.1.1", "2.2.2.2").build()))
                .isEqualTo("10.0.0.5");
        assertThat(ClientIp.of(MockServerHttpRequest.get("/").build())).isNull();
    }
}
