package com.telemed.servicekit.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.telemed.webkit.RequestIds;

import reactor.core.publisher.Mono;

/**
 * Carries the gateway's {@code X-Request-Id} (or a new one) through the request: in the response, in the
 * Reactor context (and so in the logging MDC as {@code request_id}), and in problem responses.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.resolve(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(RequestIds.MDC_KEY, id));
    }
}
