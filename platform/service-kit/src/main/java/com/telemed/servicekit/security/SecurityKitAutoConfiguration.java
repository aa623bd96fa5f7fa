package com.telemed.servicekit.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import com.telemed.webkit.ProblemAuthenticationHandlers;
import com.telemed.webkit.ProblemWriter;
import com.telemed.webkit.PublicEndpoints;
import com.telemed.webkit.RoleClaimConverter;
import com.telemed.webkit.StatelessBearerSecurity;
import com.telemed.webkit.TelemedJwtDecoders;

/**
 * Every service re-checks the caller's token itself: RS256 only, signed by a key in auth-service's JWKS, with
 * Telemed's issuer and audience, not expired. The {@code role} claim becomes the authority {@code ROLE_<role>};
 * the subject is the user (or patient) id. Stateless: no session is ever stored. Open without a token: health,
 * metrics and API docs, the service's entries in {@link PublicEndpoints} (the list the gateway reads too), and
 * {@code telemed.security.public-paths} if set.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityKitProperties.class)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class SecurityKitAutoConfiguration {

    static final List<String> ALWAYS_PUBLIC = List.of("/livez", "/readyz", "/actuator/health", "/actuator/health/**",
            "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**");

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(SecurityKitProperties properties) {
        return TelemedJwtDecoders.rs256(properties.jwksUri(), properties.issuer(), properties.audience());
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SecurityKitProperties properties,
            ProblemWriter problems, @Value("${spring.application.name:}") String service) {
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(properties.publicPaths());
        List<PublicEndpoints.Endpoint> endpoints = PublicEndpoints.of(service);
        ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
        return StatelessBearerSecurity.configure(http, handlers)
                .authorizeExchange(ex -> {
                    ex.pathMatchers(open.toArray(String[]::new)).permitAll();
                    // The same endpoints the gateway lets through without a token.
                    for (PublicEndpoints.Endpoint endpoint : endpoints) {
                        (endpoint.method() == null ? ex.pathMatchers(endpoint.pattern())
                                : ex.pathMatchers(endpoint.method(), endpoint.pattern())).permitAll();
                    }
                    if (!properties.limitedTokenPaths().isEmpty()) {
                        ex.pathMatchers(properties.limitedTokenPaths().toArray(String[]::new)).authenticated();
                    }
                    // A one-step token (temporary-password change, MFA enrolment) is good for nothing else.
                    ex.anyExchange().access(new NotLimitedToken(properties.limitedRoles()));
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RoleClaimConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .build();
    }

    /** Lets a handler take the {@link Caller} as a parameter. */
    @Bean
    WebFluxConfigurer callerArgumentResolver() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }
}
