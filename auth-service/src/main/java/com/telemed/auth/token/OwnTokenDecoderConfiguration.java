package com.telemed.auth.token;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTParser;
import com.telemed.servicekit.security.SecurityKitProperties;
import com.telemed.webkit.TelemedJwtDecoders;

import reactor.core.publisher.Flux;

/**
 * auth-service checks tokens it signed against its own keys in memory (no HTTP call to itself), with the same
 * rules as every service: RS256, issuer, audience, expiry. A token with another {@code kid} goes to the
 * platform's JWKS decoder, which in production points at this service's JWKS as well.
 */
@Configuration
class OwnTokenDecoderConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKeys keys, SecurityKitProperties properties) {
        List<JWK> own = keys.trusted().entrySet().stream()
                .<JWK>map(e -> new RSAKey.Builder((RSAPublicKey) e.getValue()).keyID(e.getKey()).build())
                .toList();
        NimbusReactiveJwtDecoder local = NimbusReactiveJwtDecoder.withJwkSource(jwt -> Flux.fromIterable(own))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        local.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
        ReactiveJwtDecoder platform = TelemedJwtDecoders.rs256(properties.jwksUri(), properties.issuer(),
                properties.audience());
        return token -> keys.trusted().containsKey(kidOf(token)) ? local.decode(token) : platform.decode(token);
    }

    private static String kidOf(String token) {
        try {
            return JWTParser.parse(token).getHeader() instanceof com.nimbusds.jose.JWSHeader jws ? jws.getKeyID() : null;
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }
}
