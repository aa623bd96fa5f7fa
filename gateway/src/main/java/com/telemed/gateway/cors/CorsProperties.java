package com.telemed.gateway.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API from another origin. The web is normally served through the gateway
 * (same origin, no CORS at all); this list covers the web's own dev server and any separately hosted front end.
 */
@ConfigurationProperties("telemed.gateway.cors")
public record CorsProperties(
        @DefaultValue({ "http://localhost:3000", "http://localhost:8080" }) List<String> allowedOrigins,
        @DefaultValue({ "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
        @DefaultValue({ "Authorization", "Content-Type", "X-Request-Id" }) List<String> allowedHeaders,
        @DefaultValue({ "X-Request-Id", "Retry-After", "Location", "Content-Disposition" }) List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("30m") Duration maxAge) {
}
