package com.telemed.servicekit.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Resolves a handler parameter of type {@link Caller} from the checked token in the reactive security context;
 * {@link Caller#ANONYMOUS} when the request carried none (public paths).
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(CallerArgumentResolver::caller)
                .defaultIfEmpty(Caller.ANONYMOUS);
    }

    private static Object caller(Authentication authentication) {
        return authentication.getPrincipal() instanceof Jwt jwt && authentication.isAuthenticated() ? Caller.of(jwt)
                : Caller.ANONYMOUS;
    }
}
