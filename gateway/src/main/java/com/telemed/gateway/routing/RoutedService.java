package com.telemed.gateway.routing;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/** The downstream a request was routed to, for logs and error details (route metadata {@code service}). */
public final class RoutedService {

    public static final String METADATA_KEY = "service";

    private RoutedService() {
    }

    /** The routed service's name, or {@code null} when no route was chosen (the gateway answered itself). */
    public static String of(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object service = route.getMetadata().get(METADATA_KEY);
        return service != null ? service.toString() : route.getId();
    }
}
