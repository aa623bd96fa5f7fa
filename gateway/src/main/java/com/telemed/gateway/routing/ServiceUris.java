package com.telemed.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each downstream lives ({@code telemed.services.*}). The routes in application.yml read the same
 * properties, so routing and the aggregated health check can never disagree about an address.
 */
@ConfigurationProperties("telemed.services")
public record ServiceUris(URI auth, URI booking, URI payment, URI video, URI clinical, URI notification, URI pdf,
        URI web) {

    /** Service name (as shown by {@code /api/health}) to base URI, in a stable order. */
    public Map<String, URI> byName() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("auth-service", auth);
        services.put("booking-service", booking);
        services.put("payment-service", payment);
        services.put("video-service", video);
        services.put("clinical-service", clinical);
        services.put("notification-service", notification);
        services.put("pdf-service", pdf);
        return services;
    }
}
