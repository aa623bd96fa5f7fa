package com.telemed.webkit;

import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * The endpoints answered without an access token, written once: the gateway lets them through without a token and
 * each service opens its own ({@code spring.application.name}), so the two can no longer disagree. Everything
 * else on a service is protected; health, metrics and API docs are open in every service anyway.
 */
public final class PublicEndpoints {

    /** @param method null for every method */
    public record Endpoint(String service, HttpMethod method, String pattern) {
    }

    public static final List<Endpoint> ALL = List.of(
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/login"),
            // Second step of a login with MFA: carries the short-lived ticket the first step returned.
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/login/mfa"),
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/login-temporary"),
            // A patient's single-use login link, traded for a patient token.
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/patient-login"),
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/reset-password"),
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/reset-password-confirm"),
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/register-medical-professional"),
            new Endpoint("auth-service", HttpMethod.POST, "/api/v1/auth/refresh"),
            new Endpoint("auth-service", HttpMethod.GET, "/api/v1/auth/.well-known/jwks.json"),
            // Public booking, and the patient's cancel/reschedule by the secure link token in the body.
            new Endpoint("booking-service", HttpMethod.GET, "/api/v1/consultations/public/**"),
            new Endpoint("booking-service", HttpMethod.POST, "/api/v1/consultations/public/**"),
            // Proof of the right to pay is checked by the service (checkout token, or an access token when sent).
            new Endpoint("payment-service", HttpMethod.POST, "/api/v1/payments/checkout-session"),
            // What became of a checkout, by its unguessable session id (the success and cancel pages).
            new Endpoint("payment-service", HttpMethod.GET, "/api/v1/payments/checkout-session/*"),
            // Stripe calls this; the payment service verifies the Stripe signature on the raw body instead.
            new Endpoint("payment-service", HttpMethod.POST, "/api/v1/payments/webhook"),
            // The sandbox checkout page (local mode without a Stripe key only; 404 otherwise).
            new Endpoint("payment-service", null, "/dev/checkout/**"),
            // A consultation's video room for its patient by the manage-link token (or any access token, which the
            // service checks the same way); start-video and end-video stay protected.
            new Endpoint("video-service", HttpMethod.GET, "/api/v1/video/consultations/*/video-info"),
            new Endpoint("video-service", HttpMethod.POST, "/api/v1/video/consultations/*/presence"),
            // The dev mailbox (local mode only; 404 otherwise) is a page for people, not an API.
            new Endpoint("notification-service", null, "/dev/mailbox"),
            new Endpoint("notification-service", null, "/dev/mailbox/**"));

    private PublicEndpoints() {
    }

    public static List<Endpoint> of(String service) {
        return ALL.stream().filter(e -> e.service().equals(service)).toList();
    }
}
