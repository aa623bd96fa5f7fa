package com.telemed.pdf.owners;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.telemed.webkit.RequestIds;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * GETs to one owner with the caller's token. A timeout, a refused connection or a 5xx is retried with backoff
 * (GETs are safe to repeat) and then becomes {@link OwnerUnavailable}; those failures feed the circuit breaker,
 * which, while open, fails at once without calling. A 4xx is the owner's answer ({@link OwnerRefused}), never
 * retried and no failure of the owner.
 */
public class OwnerClient {

    private final String name;
    private final WebClient http;
    private final CircuitBreaker breaker;
    private final Duration readTimeout;
    private final int retries;
    private final Duration backoff;

    public OwnerClient(String name, WebClient http, CircuitBreaker breaker, Duration readTimeout, int retries,
            Duration backoff) {
        this.name = name;
        this.http = http;
        this.breaker = breaker;
        this.readTimeout = readTimeout;
        this.retries = retries;
        this.backoff = backoff;
    }

    public <T> Mono<T> get(String authorization, ParameterizedTypeReference<T> type, String path, Object... vars) {
        Mono<T> once = Mono.deferContextual(ctx -> http.get().uri(path, vars)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(RequestIds.HEADER, ctx.<String>getOrEmpty(RequestIds.MDC_KEY).orElse(""))
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status >= 500) {
                        return response.releaseBody().then(Mono.error(
                                new OwnerUnavailable(name + " answered " + status, null)));
                    }
                    if (status >= 400) {
                        return response.releaseBody().then(Mono.error(new OwnerRefused(name, status)));
                    }
                    return response.bodyToMono(type);
                }))
                .timeout(readTimeout)
                .onErrorMap(e -> e instanceof TimeoutException || e instanceof WebClientRequestException,
                        e -> new OwnerUnavailable(name + " is out of reach", e));
        Mono<T> retried = once.retryWhen(Retry.backoff(retries, backoff)
                .filter(OwnerUnavailable.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(new OwnerUnavailable(name + " circuit breaker is open", null));
            }
            long start = System.nanoTime();
            return retried
                    .doOnSuccess(v -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                    .doOnError(e -> {
                        long took = System.nanoTime() - start;
                        if (e instanceof OwnerUnavailable) {
                            breaker.onError(took, TimeUnit.NANOSECONDS, e);
                        } else {
                            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        }
                    })
                    .doOnCancel(breaker::releasePermission);
        });
    }
}
