package com.telemed.testkit;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import reactor.core.publisher.Flux;

/** HTTP clients for tests that read every response body to the end, so no Netty buffer is left unreleased. */
public final class TestClients {

    /**
     * Reads every response body into memory: a test that only checks the status would otherwise leave the client's
     * buffer unreleased, and {@link NettyLeakCheck} fails the class. Bodies are small here.
     */
    public static final ExchangeFilterFunction DRAIN_BODIES = (request, next) -> next.exchange(request)
            .flatMap(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                    .map(bytes -> response.mutate()
                            .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))).build()));

    private TestClients() {
    }

    /** A client of a server started by the test itself, e.g. a second instance of a service. */
    public static WebTestClient.Builder bindToServer(String baseUrl) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).filter(DRAIN_BODIES);
    }
}
