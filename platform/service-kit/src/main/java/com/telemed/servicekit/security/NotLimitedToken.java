package com.telemed.servicekit.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

import reactor.core.publisher.Mono;

/** Any authenticated caller whose token is not a one-step token (temporary-password change, MFA enrolment). */
final class NotLimitedToken implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final Set<String> limitedAuthorities;

    NotLimitedToken(Collection<String> limitedRoles) {
        this.limitedAuthorities = limitedRoles.stream().map(role -> "ROLE_" + role).collect(Collectors.toSet());
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication
                .<AuthorizationResult>map(auth -> new AuthorizationDecision(auth.isAuthenticated()
                        && auth.getAuthorities().stream()
                                .noneMatch(a -> limitedAuthorities.contains(a.getAuthority()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
