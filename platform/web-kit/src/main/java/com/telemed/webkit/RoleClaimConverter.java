package com.telemed.webkit;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import reactor.core.publisher.Mono;

/** Turns the token's {@code role} claim into the single authority {@code ROLE_<role>}. */
public class RoleClaimConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    public static final String ROLE_CLAIM = "role";

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String role = jwt.getClaimAsString(ROLE_CLAIM);
        List<GrantedAuthority> authorities = role == null || role.isBlank() ? List.of()
                : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
