package com.telemed.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens the gateway accepts: signed by a key of auth-service's JWKS, for Telemed's issuer and audience.
 *
 * @param verifiedTokens tokens remembered as verified (0 turns the cache off)
 * @param verifiedTokenMaxAge longest a verified token is remembered (never past its {@code exp})
 */
@ConfigurationProperties("telemed.security")
public record JwtProperties(URI jwksUri, @DefaultValue("telemed-auth") String issuer,
        @DefaultValue("telemed") String audience, @DefaultValue("10000") int verifiedTokens,
        @DefaultValue("60s") Duration verifiedTokenMaxAge) {
}
