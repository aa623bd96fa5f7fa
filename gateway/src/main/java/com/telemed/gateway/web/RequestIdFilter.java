package com.telemed.gateway.web;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.telemed.gateway.routing.RoutedService;
import com.telemed.webkit.RequestIds;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Gives every request an {@code X-Request-Id}: a caller's id is kept when it is safe to log and to echo (8–64 of
 * {@code [A-Za-z0-9._-]}), anything else is replaced by a new UUID. The id goes to the service, back to the
 * caller, into problem responses and into the logging MDC as {@code request_id}.
 * <p>
 * It is a {@link WebFilter} at the highest precedence rather than a gateway {@code GlobalFilter} because the
 * gateway answers some requests itself (401, 429, CORS, unknown paths, health) before any route runs, and those
 * answers must carry the id too.
 * <p>
 * One access line per request names the method, the route and the status; never the path, query or headers,
 * which may carry tokens, link secrets or personal data.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = RequestIds.HEADER;
    public static final String ATTRIBUTE = RequestIds.ATTRIBUTE;
    public static final String MDC_KEY = RequestIds.MDC_KEY;

    private static final Logger ACCESS = LoggerFactory.getLogger("com.telemed.gateway.access");


    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.resolve(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);

        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        ServerWebExchange forwarded = exchange.mutate().request(request).build();
        ServerHttpResponse response = forwarded.getResponse();
        response.getHeaders().set(HEADER, id);
        // A service echoes the id as well; set it again just before commit so the caller sees exactly one value.
        response.beforeCommit(() -> {
            response.getHeaders().set(HEADER, id);
            return Mono.empty();
        });

        long start = System.nanoTime();
        return chain.filter(forwarded)
                .doFinally(signal -> logAccess(forwarded, id, signal, start))
                .contextWrite(ctx -> ctx.put(MDC_KEY, id));
    }

    private static void logAccess(ServerWebExchange exchange, String id, SignalType signal, long start) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String service = RoutedService.of(exchange);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String outcome = signal == SignalType.CANCEL ? "cancelled" : String.valueOf(status != null ? status.value() : 200);
        MDC.put(MDC_KEY, id);
        try {
            ACCESS.info("{} {} {} {}ms", exchange.getRequest().getMethod(), service != null ? service : "gateway",
                    outcome, millis);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
