package com.telemed.gateway.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.telemed.gateway.cors.CorsFilter;
import com.telemed.webkit.ProblemWriter;

import reactor.core.publisher.Mono;

/**
 * Throttles login, password reset and public booking per client address, before the token check and before the
 * request costs a service a bcrypt hash or a database write. A refused request gets 429 problem+json with
 * {@code Retry-After} in seconds.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    public static final int ORDER = CorsFilter.ORDER + 10;

    private final List<GroupMatcher> groups = new ArrayList<>();
    private final TokenBuckets buckets;
    private final ClientAddressResolver clients;
    private final ProblemWriter problems;

    public RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        this.problems = problems;
        this.clients = new ClientAddressResolver(properties.trustForwardedFor());
        Map<String, TokenBuckets.Limit> limits = new HashMap<>();
        PathPatternParser parser = PathPatternParser.defaultInstance;
        properties.rateLimits().forEach((name, group) -> {
            limits.put(name, new TokenBuckets.Limit(group.capacity(), group.refillPerMinute()));
            groups.add(new GroupMatcher(name, group.paths().stream().map(parser::parse).toList()));
        });
        this.buckets = new TokenBuckets(limits, properties.maxTrackedClients(), System::nanoTime);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (HttpMethod.OPTIONS.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        PathContainer path = withoutTrailingSlash(exchange.getRequest().getPath().pathWithinApplication());
        for (GroupMatcher group : groups) {
            if (group.matches(path)) {
                TokenBuckets.Decision decision = buckets.tryAcquire(group.name(),
                        clients.resolve(exchange.getRequest()));
                if (!decision.allowed()) {
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                            Long.toString(decision.retryAfterSeconds()));
                    return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                            "Too many requests; retry after " + decision.retryAfterSeconds() + " seconds");
                }
                break;
            }
        }
        return chain.filter(exchange);
    }

    /** {@code /login/} is routed like {@code /login}, so it must count like it too. */
    private static PathContainer withoutTrailingSlash(PathContainer path) {
        String value = path.value();
        return value.length() > 1 && value.endsWith("/")
                ? PathContainer.parsePath(value.substring(0, value.length() - 1))
                : path;
    }

    private record GroupMatcher(String name, List<PathPattern> patterns) {

        boolean matches(PathContainer path) {
            for (PathPattern pattern : patterns) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }
}
