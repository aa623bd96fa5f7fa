package com.telemed.gateway.security;

import java.time.Clock;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import com.telemed.webkit.ProblemAuthenticationHandlers;
import com.telemed.webkit.ProblemWriter;
import com.telemed.webkit.StatelessBearerSecurity;
import com.telemed.webkit.TelemedJwtDecoders;

import reactor.core.publisher.Mono;

/**
 * JWT resource server at the edge, so that a request without a valid token never reaches a service. Tokens are
 * forwarded unchanged; services validate them again and decide on roles and ownership. Stateless: no session,
 * no CSRF token (no cookie authentication exists to forge).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        return new VerifiedTokenCache(
                TelemedJwtDecoders.rs256(properties.jwksUri().toString(), properties.issuer(), properties.audience()),
                properties.verifiedTokens(), properties.verifiedTokenMaxAge(), Clock.systemUTC());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ProblemWriter problems, GatewayProperties gateway) {
        ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
        ServerWebExchangeMatcher protectedPaths = AccessRules.protectedPaths(gateway);
        return StatelessBearerSecurity.configure(http, handlers)
                // CORS is answered earlier by the gateway's own filter (see the cors package).
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .authorizeExchange(ex -> ex
                        .matchers(protectedPaths).authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenConverter(tokensOn(protectedPaths))
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .build();
    }

    /**
     * Spring Security's firewall refuses non-normalised or suspiciously encoded paths ({@code ..}, {@code //},
     * {@code %2F}, {@code ;}) before routing; answer those with a problem too instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "bad-request",
                "The request path is not acceptable");
    }

    /**
     * A stale token must not break an open endpoint: the web calls {@code refresh} precisely when its access
     * token has expired, and may still send it. On open paths the token is ignored here and left to the service.
     */
    private static ServerAuthenticationConverter tokensOn(ServerWebExchangeMatcher protectedPaths) {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> protectedPaths.matches(exchange)
                .flatMap(match -> match.isMatch() ? bearer.convert(exchange) : Mono.empty());
    }
}
