package com.telemed.gateway.apidocs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which service the gateway sends a path to, read from the routes themselves (lowest order first, as the gateway
 * chooses), so the reference shows a service's operation only where a client can actually reach it.
 */
final class RouteOwners {

    private record Owner(int order, String service, List<PathPattern> patterns) {
    }

    private final List<Owner> owners;

    RouteOwners(GatewayProperties gateway) {
        this.owners = gateway.getRoutes().stream()
                .sorted(Comparator.comparingInt(RouteDefinition::getOrder))
                .map(route -> new Owner(route.getOrder(), String.valueOf(route.getMetadata().get("service")),
                        route.getPredicates().stream()
                                .filter(p -> "Path".equals(p.getName()))
                                .flatMap(p -> p.getArgs().entrySet().stream())
                                .filter(arg -> !arg.getKey().equals("matchTrailingSlash"))
                                .flatMap(arg -> List.of(arg.getValue().split(",")).stream())
                                .map(String::trim)
                                .filter(s -> s.startsWith("/"))
                                .map(PathPatternParser.defaultInstance::parse)
                                .toList()))
                .toList();
    }

    /** The service a path template such as {@code /api/v1/x/{id}} is routed to, if any route takes it. */
    Optional<String> ownerOf(String pathTemplate) {
        PathContainer concrete = PathContainer.parsePath(pathTemplate.replaceAll("\\{[^}]+}", "1"));
        return owners.stream()
                .filter(owner -> owner.patterns().stream().anyMatch(p -> p.matches(concrete)))
                .findFirst()
                .map(Owner::service);
    }
}
