package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.events.SignInThrottled;

/**
 * Failed sign-ins slow the account and the address down; nothing in the answers tells a throttled account, a wrong
 * password and an unknown email apart.
 */
class LockoutIT extends AuthIntegrationTest {

    static final String PASSWORD = "Lockout-Clave-Correcta-1";

    private EntityExchangeResult<Map<String, Object>> attempt(String email, String password, String address) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (address != null) {
                        h.set("X-Telemed-Client-Ip", address);
                    }
                })
                .bodyValue(Map.of("email", email, "password", password)).exchange()
                .expectBody(MAP).returnResult();
    }

    /** Status, problem type and Retry-After: what a guesser can compare. */
    private static String shape(EntityExchangeResult<Map<String, Object>> result) {
        return result.getStatus().value() + " " + result.getResponseBody().get("type") + " "
                + result.getResponseBody().get("detail") + " " + result.getResponseHeaders().getFirst("Retry-After");
    }

    @Test
    void aThrottledAccountIsAnsweredExactlyLikeAWrongPasswordAndAnUnknownEmail() {
        String email = uniqueEmail("lock");
        doctorWithPassword(email, PASSWORD);
        List<String> staff = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            staff.add(shape(attempt(email, "Wrong-Password-" + i + "xx", null)));
            unknown.add(shape(attempt(uniqueEmail("nobody"), "Wrong-Password-" + i + "xx", null)));
        }
        // Even the right password is refused while the account waits, and looks the same.
        staff.add(shape(attempt(email, PASSWORD, null)));

        assertThat(staff).hasSize(7).containsOnly(unknown.get(0));
        assertThat(unknown).containsOnly(unknown.get(0));
        assertThat(unknown.get(0)).startsWith("401 ").contains("invalid-credentials").endsWith(" null");
        assertThat(count("select count(*) from audit_log a join users u on a.resource = 'user:' || u.id"
                + " where u.email = '" + email + "' and a.action = 'login' and a.outcome = 'throttled'")).isEqualTo(1);
        assertThat(count("select count(*) from audit_log a join users u on a.resource = 'user:' || u.id"
                + " where u.email = '" + email + "' and a.action = 'sign-in-throttle'")).isEqualTo(1);

        // The owner is told once (not on every further failure), and the address travels sealed.
        long id = count("select id from users where email = '" + email + "'");
        SignInThrottled told = awaitEvent(SignInThrottled.class, e -> e.userId() == id);
        assertThat(seal.open("sign-in.throttled", SignInThrottled.SEALED_EMAIL, told.sealedEmail())).isEqualTo(email);
        assertThat(told.failures()).isEqualTo(6);
        assertThat(count("select count(*) from outbox where event_type = 'sign-in.throttled' and aggregate_id = '"
                + id + "'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where event_type = 'sign-in.throttled' and payload::text like '%" + email + "%'")).isZero();
        // Unknown addresses tell nobody.
        assertThat(count("select count(*) from outbox where event_type = 'sign-in.throttled'"
                + " and aggregate_id not in (select id::text from users)")).isZero();

        // Once the wait is over, the right password works and the count starts again.
        db.sql("update sign_in_throttle set blocked_until = now() - interval '1 second'"
                + " where key = (select 'account:' || id from users where email = :email)")
                .bind("email", email).fetch().rowsUpdated().block();
        login(email, PASSWORD, 200);
        assertThat(count("select count(*) from sign_in_throttle"
                + " where key = (select 'account:' || id from users where email = '" + email + "')")).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsWaitsWhileOthersSignIn() {
        String email = uniqueEmail("bystander");
        doctorWithPassword(email, PASSWORD);
        String attacker = "203.0.113.91";
        db.sql("delete from sign_in_throttle where key = 'address:" + attacker + "'").then().block();
        for (int i = 0; i < 11; i++) {
            assertThat(attempt(uniqueEmail("sprayed"), "Spray-Password-2026", attacker).getStatus().value())
                    .isEqualTo(401);
        }
        // The address waits, whatever account it tries, even with the right password...
        assertThat(attempt(email, PASSWORD, attacker).getStatus().value()).isEqualTo(401);
        // ...while the account itself, from anywhere else, is not affected.
        assertThat(attempt(email, PASSWORD, "198.51.100.23").getStatus().value()).isEqualTo(200);
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
