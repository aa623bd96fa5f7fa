package com.telemed.servicekit.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwksUri     auth-service's JWKS, the only keys a token may be signed with
 * @param issuer      the {@code iss} every token must carry
 * @param audience    the {@code aud} every token must include
 * @param publicPaths further path patterns this service answers without a token, beyond its entries in web-kit's
 *                    {@code PublicEndpoints} and health, metrics and API docs (for tests and tools)
 * @param limitedRoles roles of tokens that are good for one step only (changing a temporary password, enrolling
 *                     in MFA); refused everywhere except on {@code limitedTokenPaths}
 * @param limitedTokenPaths path patterns of this service that also accept a limited token
 */
@ConfigurationProperties("telemed.security")
public record SecurityKitProperties(String jwksUri, String issuer, String audience, List<String> publicPaths,
        List<String> limitedRoles, List<String> limitedTokenPaths) {

    static final List<String> DEFAULT_LIMITED_ROLES = List.copyOf(new java.util.TreeSet<>(Roles.LIMITED));

    public SecurityKitProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        limitedRoles = limitedRoles == null ? DEFAULT_LIMITED_ROLES : List.copyOf(limitedRoles);
        limitedTokenPaths = limitedTokenPaths == null ? List.of() : List.copyOf(limitedTokenPaths);
    }
}
