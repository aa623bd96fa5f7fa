package com.telemed.pdf.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.pdf.PdfProperties;
import com.telemed.pdf.exports.Exports;
import com.telemed.pdf.owners.OwnerClient;
import com.telemed.pdf.owners.OwnerUnavailable;
import com.telemed.pdf.owners.Owners;
import com.telemed.pdf.render.PdfRenderer;
import com.telemed.servicekit.audit.AuditLog;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the owners' clients (timeouts, retries, one circuit breaker each), the renderer and the exports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PdfProperties.class)
class PdfConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PdfConfiguration.class);

    @Bean
    Owners owners(PdfProperties settings, JsonMapper json, MeterRegistry meters) {
        return new Owners(client("clinical-service", settings.clinicalUrl(), settings, json, meters),
                client("booking-service", settings.bookingUrl(), settings, json, meters), json);
    }

    @Bean
    PdfRenderer pdfRenderer() {
        return new PdfRenderer();
    }

    @Bean
    Exports exports(Owners owners, PdfRenderer renderer, AuditLog audit, PdfProperties settings) {
        return new Exports(owners, renderer, audit, settings);
    }

    private static OwnerClient client(String name, String baseUrl, PdfProperties s, JsonMapper json,
            MeterRegistry meters) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) s.connectTimeout().toMillis())
                .responseTimeout(s.readTimeout());
        WebClient web = WebClient.builder()
                .baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(http))
                // The owners answer snake_case, as this service's own mapper reads it.
                .codecs(c -> {
                    c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json));
                    c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024);
                })
                .build();
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(s.breakerMinimumCalls(), 10))
                .minimumNumberOfCalls(s.breakerMinimumCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(s.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(OwnerUnavailable.class::isInstance)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("Circuit breaker {}: {}", name,
                e.getStateTransition()));
        Gauge.builder("telemed.pdf.owner.circuit.open", breaker, b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .tag("owner", name)
                .description("1 while the circuit breaker keeps document requests away from this owner")
                .register(meters);
        // The read timeout covers one attempt; a slow answer past it counts as the owner being unavailable.
        Duration attempt = s.readTimeout().plus(s.connectTimeout());
        return new OwnerClient(name, web, breaker, attempt, s.retries(), s.retryBackoff());
    }
}
