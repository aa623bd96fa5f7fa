package com.telemed.gateway.overload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.gateway.routing.RoutedService;
import com.telemed.webkit.ProblemWriter;

import reactor.core.publisher.Mono;

/**
 * Bounds the requests in flight to each routed service. A request over the bound gets 503 problem+json with
 * {@code Retry-After} at once, so overload is refused in microseconds instead of piling up in front of a saturated
 * service and failing 10-30 s later with 500/504. Runs after routing (it needs the chosen route) and before the
 * request is forwarded; the permit is returned when the exchange completes, fails or is cancelled.
 */
@Component
public class InFlightLimitFilter implements GlobalFilter, Ordered {

    /** Before every routing filter of Spring Cloud Gateway (they start at 0), so a refusal costs no connection. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final InFlightProperties properties;
    private final ProblemWriter problems;
    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public InFlightLimitFilter(InFlightProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String service = RoutedService.of(exchange);
        if (service == null) {
            return chain.filter(exchange);
        }
        AtomicInteger counter = inFlight.computeIfAbsent(service, name -> new AtomicInteger());
        if (counter.incrementAndGet() > properties.limitOf(service)) {
            counter.decrementAndGet();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Integer.toString(properties.retryAfterSeconds()));
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    service + " is busy; retry after " + properties.retryAfterSeconds() + " seconds");
        }
        // Exactly one release per permit, whichever of complete, error or cancel comes first.
        AtomicBoolean released = new AtomicBoolean();
        return chain.filter(exchange).doFinally(signal -> {
            if (released.compareAndSet(false, true)) {
                counter.decrementAndGet();
            }
        });
    }

    /** Requests currently forwarded to {@code service} (for tests and metrics). */
    public int inFlight(String service) {
        AtomicInteger counter = inFlight.get(service);
        return counter == null ? 0 : counter.get();
    }
}
