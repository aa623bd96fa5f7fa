package com.telemed.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Mono;

/**
 * {@code UnknownEndpoint} route filter: answers 404 instead of forwarding. It backs the route that catches API
 * and actuator paths no service owns, so they never fall through to the web front end (which would answer an
 * HTML page with 200 or its own 404). The error handler turns the exception into problem+json.
 */
@Component
public class UnknownEndpointGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    public UnknownEndpointGatewayFilterFactory() {
        super(Object.class);
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> Mono.error(
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No endpoint matches this path"));
    }
}
