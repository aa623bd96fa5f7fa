package com.telemed.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressResolverTest {

    private static MockServerHttpRequest.BaseBuilder<?> fromPeer(String peer) {
        return MockServerHttpRequest.post("/api/v1/auth/login").remoteAddress(new InetSocketAddress(peer, 41000));
    }

    @Test
    void withoutTrustTheForwardedHeaderIsIgnored() {
        ClientAddressResolver resolver = new ClientAddressResolver(false);
        assertThat(resolver.resolve(fromPeer("192.0.2.10").header("X-Forwarded-For", "203.0.113.1").build()))
                .isEqualTo("192.0.2.10");
    }

    @Test
    void withTrustTheLastForwardedEntryIsUsed() {
        ClientAddressResolver resolver = new ClientAddressResolver(true);
        assertThat(resolver.resolve(fromPeer("192.0.2.10")
                .header("X-Forwarded-For", "1.1.1.1, 203.0.113.1").build())).isEqualTo("203.0.113.1");
        assertThat(resolver.resolve(fromPeer("192.0.2.10")
                .header("X-Forwarded-For", "1.1.1.1", "2001:db8::7").build())).isEqualTo("2001:db8::7");
    }

    @Test
    void withTrustAMissingOrMalformedForwardedEntryFallsBackToThePeer() {
        ClientAddressResolver resolver = new ClientAddressResolver(true);
        assertThat(resolver.resolve(fromPeer("192.0.2.10").build())).isEqualTo("192.0.2.10");
        assertThat(resolver.resolve(fromPeer("192.0.2.10").header("X-Forwarded-For", "not an address").build()))
                .isEqualTo("192.0.2.10");
        assertThat(resolver.resolve(fromPeer("192.0.2.10").header("X-Forwarded-For", "9".repeat(500)).build()))
                .isEqualTo("192.0.2.10");
    }
}
