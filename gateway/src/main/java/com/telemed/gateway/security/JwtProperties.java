package com.telemed.gateway.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Which tokens the gateway accepts: signed by a key of auth-service's JWKS, for Telemed's issuer and audience. */
@ConfigurationProperties("telemed.security")
public record JwtProperties(URI jwksUri, @DefaultValue("telemed-auth") String issuer,
        @DefaultValue("telemed") String audience) {
}
