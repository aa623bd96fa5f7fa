package com.telemed.gateway.health;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/health}: the whole platform in one answer, 200 only when everything is UP, 503 otherwise. Served
 * by the gateway itself (annotated handlers take precedence over the gateway's routes).
 */
@RestController
public class PlatformHealthController {

    private final Mono<PlatformHealth> current;

    /**
     * One round of probes answers every caller within {@code telemed.gateway.health-cache-ttl} (default 1 s): the
     * endpoint is public, and without it each call would cost eight probe requests inside the platform.
     */
    public PlatformHealthController(PlatformHealthChecker checker,
            @Value("${telemed.gateway.health-cache-ttl:PT1S}") Duration ttl) {
        this.current = ttl.isZero() || ttl.isNegative() ? Mono.defer(checker::check) : Mono.defer(checker::check).cache(ttl);
    }

    @GetMapping(path = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<PlatformHealth>> health() {
        return current.map(health -> ResponseEntity
                .status(PlatformHealth.UP.equals(health.status()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(health));
    }
}
