package com.telemed.webkit;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * The part of the security chain the gateway and every service share: bearer tokens only, so no session is ever
 * stored, no login form, basic auth or logout page exists, and CSRF protection has no cookie to protect; 401 and
 * 403 answer as problem+json.
 */
public final class StatelessBearerSecurity {

    private StatelessBearerSecurity() {
    }

    public static ServerHttpSecurity configure(ServerHttpSecurity http, ProblemAuthenticationHandlers handlers) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
    }
}
