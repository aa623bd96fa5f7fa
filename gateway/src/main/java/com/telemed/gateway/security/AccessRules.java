package com.telemed.gateway.security;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.telemed.webkit.PublicEndpoints;

import reactor.core.publisher.Mono;

/**
 * Which requests need an access token at the edge. Deny by default on every service route: a path is open only
 * if it is listed in {@link PublicEndpoints} (which the services read too), so a new service endpoint is protected
 * until someone decides otherwise. Everything outside {@code /api/**} is the web front end (or the gateway's own
 * health) and is open; the services still check the token themselves on every protected call.
 * <p>
 * One matcher that decides in plain code, once per request: Spring Security's composed matchers (an
 * {@code Or} of one reactive matcher per pattern, inside an {@code And} and a {@code Not}) ran a Reactor chain per
 * pattern on every request, the largest share of the gateway's own CPU.
 */
final class AccessRules {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final String DECISION = AccessRules.class.getName() + ".protected";

    /** A pattern, for one method or (null) every method. */
    record Rule(HttpMethod method, PathPattern pattern) {

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }
    }

    /**
     * The services' public endpoints, from the one list they also open themselves ({@link PublicEndpoints}), and the
     * gateway's own health.
     */
    static final List<Rule> PUBLIC_API = Stream.concat(
                    PublicEndpoints.ALL.stream().map(e -> new Rule(e.method(), PARSER.parse(e.pattern()))),
                    Stream.of(new Rule(HttpMethod.GET, PARSER.parse("/api/health"))))
            .toList();

    /**
     * Requests that must carry a valid token: on an API path that a service's route owns, and not listed as
     * public. The patterns are read from the routes themselves, so whatever reaches a service is covered; an API
     * path no service owns stays open only to be answered 404 by the gateway. Without any route patterns (a
     * broken configuration) every API path is protected.
     */
    static ServerWebExchangeMatcher protectedPaths(GatewayProperties gateway) {
        List<PathPattern> servicePaths = gateway.getRoutes().stream()
                .filter(route -> route.getMetadata().get("service") != null
                        && !"web".equals(route.getMetadata().get("service")))
                .flatMap(route -> route.getPredicates().stream())
                .filter(predicate -> "Path".equals(predicate.getName()))
                .flatMap(predicate -> predicate.getArgs().values().stream())
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(path -> path.startsWith("/api/"))
                // Routes do not match a trailing slash; the token check does, so "/x/" is refused like "/x".
                .flatMap(path -> path.endsWith("/**") ? Stream.of(path) : Stream.of(path, path + "/"))
                .distinct()
                .map(PARSER::parse)
                .toList();
        List<PathPattern> owned = servicePaths.isEmpty() ? List.of(PARSER.parse("/api/**")) : servicePaths;
        return new ProtectedPaths(owned, PUBLIC_API);
    }

    /** Owned by a service and not public; decided once per request (the token converter asks, then authorization). */
    private record ProtectedPaths(List<PathPattern> owned, List<Rule> open) implements ServerWebExchangeMatcher {

        @Override
        public Mono<MatchResult> matches(ServerWebExchange exchange) {
            Boolean decided = exchange.getAttribute(DECISION);
            if (decided == null) {
                decided = decide(exchange.getRequest());
                exchange.getAttributes().put(DECISION, decided);
            }
            return decided ? MatchResult.match() : MatchResult.notMatch();
        }

        private boolean decide(ServerHttpRequest request) {
            PathContainer path = request.getPath().pathWithinApplication();
            if (owned.stream().noneMatch(pattern -> pattern.matches(path))) {
                return false;
            }
            HttpMethod method = request.getMethod();
            return open.stream().noneMatch(rule -> rule.matches(method, path));
        }
    }

    private AccessRules() {
    }
}
