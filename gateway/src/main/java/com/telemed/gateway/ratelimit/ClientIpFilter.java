package com.telemed.gateway.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.telemed.webkit.ClientIp;

import reactor.core.publisher.Mono;

/**
 * Tells the services who the client is: {@link ClientIp#HEADER} is set on every request to the address the rate
 * limiter counts ({@link ClientAddressResolver}), replacing whatever the client sent in that header.
 */
@Component
public class ClientIpFilter implements WebFilter, Ordered {

    /** Right after the request id, before anything may answer or route the request. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    private final ClientAddressResolver clients;

    public ClientIpFilter(RateLimitProperties properties) {
        this.clients = new ClientAddressResolver(properties.trustForwardedFor());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String address = clients.resolve(exchange.getRequest());
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(ClientIp.HEADER, address))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
