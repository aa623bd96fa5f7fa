package com.telemed.gateway.security;

import java.util.Arrays;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;

/**
 * Which requests need an access token at the edge. Deny by default on every service route: a path is open only
 * if it is listed here, so a new service endpoint is protected until someone decides otherwise. Everything outside
 * {@code /api/**} is the web front end (or the gateway's own actuator) and is open; the services still check
 * the token themselves on every protected call.
 */
final class AccessRules {

    static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/v1/auth/login",
                    // Second step of a login with MFA: carries the short-lived ticket the first step returned.
                    "/api/v1/auth/login/mfa",
                    "/api/v1/auth/login-temporary",
                    // A patient's single-use login link, traded for a patient token.
                    "/api/v1/auth/patient-login",
                    "/api/v1/auth/reset-password",
                    "/api/v1/auth/reset-password-confirm",
                    "/api/v1/auth/register-medical-professional",
                    "/api/v1/auth/refresh",
                    // Public booking, and the patient's cancel/reschedule by the secure link token in the body.
                    "/api/v1/consultations/public/**",
                    "/api/v1/payments/checkout-session",
                    // Stripe calls this; the payment service verifies the Stripe signature instead of a token.
                    "/api/v1/payments/webhook"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET,
                    "/api/v1/auth/.well-known/jwks.json",
                    "/api/v1/consultations/public/**",
                    // What became of a checkout, by its unguessable session id (the success and cancel pages).
                    "/api/v1/payments/checkout-session/*",
                    "/api/health"),
            ServerWebExchangeMatchers.pathMatchers("/dev/**"));

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
