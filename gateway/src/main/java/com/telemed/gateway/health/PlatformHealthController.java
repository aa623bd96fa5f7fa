package com.telemed.gateway.health;

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

    private final PlatformHealthChecker checker;

    public PlatformHealthController(PlatformHealthChecker checker) {
        this.checker = checker;
    }

    @GetMapping(path = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<PlatformHealth>> health() {
        return checker.check().map(health -> ResponseEntity
                .status(PlatformHealth.UP.equals(health.status()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(health));
    }
}
