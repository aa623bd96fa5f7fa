package com.telemed.gateway.security;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;

import com.telemed.webkit.PublicEndpoints;

/**
 * Which requests need an access token at the edge. Deny by default on every service route: a path is open only
 * if it is listed in {@link PublicEndpoints} (which the services read too), so a new service endpoint is protected until someone decides otherwise. Everything outside
 * {@code /api/**} is the web front end (or the gateway's own actuator) and is open; the services still check
 * the token themselves on every protected call.
 */
final class AccessRules {

    /**
     * The services' public endpoints, from the one list they also open themselves ({@link PublicEndpoints}), and the
     * gateway's own health.
     */
    static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(Stream.concat(
            PublicEndpoints.ALL.stream().map(AccessRules::matcher),
            Stream.of(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/health"))).toList());

    private static ServerWebExchangeMatcher matcher(PublicEndpoints.Endpoint endpoint) {
        return endpoint.method() == null ? ServerWebExchangeMatchers.pathMatchers(endpoint.pattern())
                : ServerWebExchangeMatchers.pathMatchers(endpoint.method(), endpoint.pattern());
    }

    /**
     * Requests that must carry a valid token: on an API path that a service's route owns, and not listed as
     * public. The patterns are read from the routes themselves, so whatever reaches a service is covered; an API
     * path no service owns stays open only to be answered 404 by the gateway. Without any route patterns (a
     * broken configuration) every API path is protected.
     */
    static ServerWebExchangeMatcher protectedPaths(GatewayProperties gateway) {
        String[] servicePaths = gateway.getRoutes().stream()
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
                .toArray(String[]::new);
        ServerWebExchangeMatcher owned = servicePaths.length == 0
                ? ServerWebExchangeMatchers.pathMatchers("/api/**")
                : ServerWebExchangeMatchers.pathMatchers(servicePaths);
        return new AndServerWebExchangeMatcher(owned, new NegatedServerWebExchangeMatcher(PUBLIC_API));
    }

    private AccessRules() {
    }
}
