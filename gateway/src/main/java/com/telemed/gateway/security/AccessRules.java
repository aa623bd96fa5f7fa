package com.telemed.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;

/**
 * Which requests need an access token at the edge. Deny by default under {@code /api/**}: a path is open only if
 * it is listed here, so a new service endpoint is protected until someone decides otherwise. Everything outside
 * {@code /api/**} is the web front end (or the gateway's own actuator) and is open; the services still check
 * the token themselves on every protected call.
 */
final class AccessRules {

    static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/v1/auth/login",
                    "/api/v1/auth/login-temporary",
                    "/api/v1/auth/reset-password",
                    "/api/v1/auth/reset-password-confirm",
                    "/api/v1/auth/register-medical-professional",
                    "/api/v1/auth/refresh",
                    "/api/v1/consultations/public/**",
                    "/api/v1/payments/checkout-session",
                    // Stripe calls this; the payment service verifies the Stripe signature instead of a token.
                    "/api/v1/payments/webhook"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET,
                    "/api/v1/auth/.well-known/jwks.json",
                    "/api/v1/consultations/public/**",
                    "/api/health"),
            ServerWebExchangeMatchers.pathMatchers("/dev/**"));

    /** Requests that must carry a valid token: under {@code /api/} and not listed as public. */
    static final ServerWebExchangeMatcher PROTECTED = new AndServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers("/api/**"),
            new NegatedServerWebExchangeMatcher(PUBLIC_API));

    private AccessRules() {
    }
}
