package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.telemed.auth.AuthIntegrationTest;

class LockoutIT extends AuthIntegrationTest {

    static final String PASSWORD = "Lockout-Clave-Correcta-1";

    @Test
    void fiveFailuresLockTheAccountFor15MinutesWith429AndRetryAfter() {
        String email = uniqueEmail("lock");
        doctorWithPassword(email, PASSWORD);
        for (int i = 1; i <= 4; i++) {
            login(email, "Wrong-Password-" + i + "xx", 401);
        }
        var fifth = web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "Wrong-Password-5xx")).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(MAP).returnResult();
        long retryAfter = Long.parseLong(fifth.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(14 * 60L, 15 * 60L);
        assertProblem(fifth.getResponseBody(), "account-locked");

        // Even the right password waits out the lock.
        var locked = web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody(MAP).returnResult();
        assertProblem(locked.getResponseBody(), "account-locked");

        // Once the lock is over, the right password works and the count starts again.
        db.sql("update users set locked_until = now() - interval '1 second' where email = :email")
                .bind("email", email).fetch().rowsUpdated().block();
        login(email, PASSWORD, 200);
        assertThat(count("select failed_logins from users where email = '" + email + "'")).isZero();
    }

    @Test
    void successResetsTheFailureCount() {
        String email = uniqueEmail("reset-count");
        doctorWithPassword(email, PASSWORD);
        for (int i = 0; i < 4; i++) {
            login(email, "Wrong-Password-Again", 401);
        }
        login(email, PASSWORD, 200);
        for (int i = 0; i < 4; i++) {
            login(email, "Wrong-Password-Again", 401);
        }
        login(email, PASSWORD, 200);
    }

    @Test
    void signInOutcomesAreAuditedWithAddressAndWithoutPersonalData() {
        String email = uniqueEmail("audited");
        doctorWithPassword(email, PASSWORD);
        long id = db.sql("select id from users where email = :email").bind("email", email)
                .map(row -> row.get("id", Long.class)).one().block();
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Telemed-Client-Ip", "203.0.113.7")
                .header("X-Forwarded-For", "198.51.100.66")
                .bodyValue(Map.of("email", email, "password", "Wrong-Password-Audit")).exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Telemed-Client-Ip", "203.0.113.7")
                .header("X-Request-Id", "audit-test-request-1")
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectStatus().isOk();
        assertThat(count("select count(*) from audit_log where resource = 'user:" + id
                + "' and action = 'login' and outcome = 'failed' and client_ip = '203.0.113.7'")).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where resource = 'user:" + id
                + "' and action = 'login' and outcome = 'success' and request_id = 'audit-test-request-1'"
                + " and client_ip = '203.0.113.7'")).isEqualTo(1);
        // The client-chosen X-Forwarded-For never reaches the audit trail: only the gateway's header does.
        assertThat(count("select count(*) from audit_log where client_ip = '198.51.100.66'")).isZero();
        assertThat(count("select count(*) from audit_log where resource = 'user:" + id
                + "' and action = 'password-change' and outcome = 'success'")).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where actor like '%@%' or resource like '%@%'")).isZero();
    }
}
