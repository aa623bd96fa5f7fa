package com.telemed.servicekit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.web.ApiException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

/** A minimal service built on the kit, with endpoints that exercise each error path. */
@SpringBootApplication
class KitTestApplication {

    record Patient(@NotBlank String fullName, @Email @NotBlank String email) {
    }

    @RestController
    static class Endpoints {

        @PostMapping("/open/patients")
        Mono<Map<String, String>> create(@Valid @RequestBody Patient patient) {
            return Mono.just(Map.of("full_name", patient.fullName()));
        }

        @GetMapping("/open/conflict")
        Mono<String> conflict() {
            return Mono.error(ApiException.conflict("slot-taken", "That slot was just taken"));
        }

        @GetMapping("/open/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret internal detail"));
        }

        private final DatabaseClient db;

        Endpoints(DatabaseClient db) {
            this.db = db;
        }

        /** Holds one pooled connection for {@code seconds}. */
        @GetMapping("/open/slow-query")
        Mono<Map<String, String>> slowQuery(@RequestParam double seconds) {
            return db.sql("select pg_sleep(:s)::text as slept").bind("s", seconds)
                    .map(row -> Map.of("slept", String.valueOf(seconds))).one();
        }

        @GetMapping("/api/v1/whoami")
        Mono<Map<String, String>> whoami(@AuthenticationPrincipal Jwt jwt) {
            return Mono.just(Map.of("subject", jwt.getSubject(), "role", jwt.getClaimAsString("role")));
        }

        @GetMapping("/api/v1/admin-only")
        @PreAuthorize("hasRole('admin')")
        Mono<String> adminOnly() {
            return Mono.just("ok");
        }
    }
}
