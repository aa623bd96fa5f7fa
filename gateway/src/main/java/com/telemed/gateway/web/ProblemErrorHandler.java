package com.telemed.gateway.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.gateway.routing.RoutedService;

import reactor.core.publisher.Mono;
import com.telemed.webkit.ProblemWriter;

/**
 * Every error raised inside the gateway becomes problem+json: unknown paths (404), unsupported methods or
 * malformed requests (4xx), a service that refuses connections (503), does not answer in time (504) or breaks the
 * exchange (502). The response never carries a stack trace or an exception message; the log keeps the exception
 * type and message for operators. Runs before Boot's default handler, which would answer plain JSON.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemWriter problems;

    public ProblemErrorHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = classify(exchange, error);
        if (problem.status().is5xxServerError()) {
            // Error handling runs outside the filter chain's Reactor context: put the id into the MDC by hand.
            MDC.put(RequestIdFilter.MDC_KEY, exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
            try {
                if (problem.status().value() == 500) {
                    log.error("Unexpected gateway error", error);
                } else {
                    log.warn("Answered {} for {}: {}", problem.status().value(), routeId(exchange), describe(error));
                }
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        }
        // The error path starts from a fresh response: drop headers a half-finished exchange may have set.
        exchange.getResponse().getHeaders().remove("Content-Disposition");
        return problems.write(exchange, problem.status(), problem.code(), problem.detail());
    }

    private static Problem classify(ServerWebExchange exchange, Throwable error) {
        String service = routeId(exchange);
        // Checked first: the key set could not be fetched (its cause is often a refused connection to auth-service).
        if (has(error, AuthenticationServiceException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "authentication-unavailable",
                    "Access tokens cannot be verified right now");
        }
        if (has(error, ConnectException.class) || has(error, UnknownHostException.class)
                || has(error, io.netty.channel.ConnectTimeoutException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    service + " is not reachable right now");
        }
        if (has(error, TimeoutException.class) || has(error, io.netty.handler.timeout.ReadTimeoutException.class)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
                    service + " did not answer in time");
        }
        if (error instanceof ResponseStatusException rse) {
            return fromStatus(rse.getStatusCode(), service);
        }
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null) {
            return new Problem(HttpStatus.BAD_GATEWAY, "bad-gateway", service + " failed to answer");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Unexpected error at the gateway");
    }

    private static Problem fromStatus(HttpStatusCode status, String service) {
        return switch (status.value()) {
            case 404 -> new Problem(status, "not-found", "No endpoint matches this path");
            case 405 -> new Problem(status, "method-not-allowed", "This method is not allowed here");
            case 413 -> new Problem(status, "payload-too-large", "The request body is too large");
            case 503 -> new Problem(status, "service-unavailable", service + " is not available right now");
            case 504 -> new Problem(status, "gateway-timeout", service + " did not answer in time");
            case 502 -> new Problem(status, "bad-gateway", service + " failed to answer");
            default -> {
                if (status.is4xxClientError()) {
                    yield new Problem(status, "bad-request", "The request cannot be processed");
                }
                yield new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Unexpected error at the gateway");
            }
        };
    }

    private static String routeId(ServerWebExchange exchange) {
        String service = RoutedService.of(exchange);
        return service != null ? service : "The service";
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? " (" + root.getMessage() + ")" : "");
    }

    private record Problem(HttpStatusCode status, String code, String detail) {
    }
}
