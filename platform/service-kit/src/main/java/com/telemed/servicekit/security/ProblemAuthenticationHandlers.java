package com.telemed.servicekit.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.servicekit.web.ProblemWriter;

import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, with the standard {@code WWW-Authenticate: Bearer} challenge on 401. */
class ProblemAuthenticationHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemWriter problems;

    ProblemAuthenticationHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        var problem = ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                "A valid access token is required");
        problem.setTitle("Unauthorized");
        return problems.write(exchange, problem);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        var problem = ProblemWriter.problem(HttpStatus.FORBIDDEN, "forbidden", "You may not access this resource");
        problem.setTitle("Forbidden");
        return problems.write(exchange, problem);
    }
}
