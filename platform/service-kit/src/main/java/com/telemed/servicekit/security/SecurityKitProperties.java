package com.telemed.servicekit.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwksUri     auth-service's JWKS, the only keys a token may be signed with
 * @param issuer      the {@code iss} every token must carry
 * @param audience    the {@code aud} every token must include
 * @param publicPaths path patterns this service answers without a token (health, metrics and API docs always)
 */
@ConfigurationProperties("telemed.security")
public record SecurityKitProperties(String jwksUri, String issuer, String audience, List<String> publicPaths) {

    public SecurityKitProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
