package com.telemed.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.auth.account.Totp;
import com.telemed.auth.AuthIntegrationTest;
import com.telemed.auth.token.RefreshTokens;
import com.telemed.servicekit.crypto.OneTimeTokens;
import com.telemed.testkit.ServiceTest;

/** With {@code telemed.auth.mfa.required-for-it-admin=true} an it_admin without TOTP may only enrol. */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.auth.bootstrap-admin.email=mfa-root@telemed.test",
        "telemed.auth.bootstrap-admin.password=Root-Needs-Mfa-2026",
        "telemed.auth.mfa.required-for-it-admin=true" })
class MfaRequiredForItAdminIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    RefreshTokens refreshTokens;

    @Test
    void aSessionBegunBeforeThePolicyCannotBeRefreshedPastIt() {
        // An it_admin without TOTP who holds a session from before MFA was required.
        long id = insertItAdmin("before-policy", null);
        String refresh = refreshTokens.start(id).block();
        var answer = web.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", refresh)).exchange().expectStatus().isUnauthorized()
                .expectBody(AuthIntegrationTest.MAP).returnResult().getResponseBody();
        assertThat((String) answer.get("type")).endsWith("/mfa-required");
        assertThat(db.sql("select count(*) from refresh_tokens where user_id = :u and revoked_at is null")
                .bind("u", id).map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void theTemporaryPasswordChangeLeadsAnItAdminToEnrolmentNotToAFullSession() {
        String temporary = OneTimeTokens.issue();
        long id = insertItAdmin("new-it", temporary);
        String email = "new-it-" + id + "@telemed.test";
        Map<String, Object> limited = web.post().uri("/api/v1/auth/login-temporary")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "temporary_password", temporary)).exchange()
                .expectStatus().isOk().expectBody(AuthIntegrationTest.MAP).returnResult().getResponseBody();
        Map<String, Object> changed = call("/api/v1/auth/change-password", (String) limited.get("access_token"),
                Map.of("new_password", "Nuevo-Admin-Seguro-31"));
        assertThat(changed).containsEntry("mfa_enrollment_required", true).doesNotContainKey("refresh_token");
        String enrolmentOnly = (String) changed.get("access_token");
        web.get().uri("/api/v1/admin/medical-professionals").headers(h -> h.setBearerAuth(enrolmentOnly)).exchange()
                .expectStatus().isForbidden();
        assertThat(call("/api/v1/auth/mfa/enroll", enrolmentOnly, Map.of())).containsKey("secret");
    }

    /** An it_admin row as registration would leave it, with {@code temporary} as temporary password if given. */
    private long insertItAdmin(String prefix, String temporary) {
        String hash = OneTimeTokens.hash(temporary == null ? OneTimeTokens.issue() : temporary);
        long id = db.sql("insert into users (email, full_name, role, must_change_password, temp_password_hash,"
                        + " temp_password_expires_at) values (:email, 'IT Test', 'it_admin', :must, :hash,"
                        + " now() + interval '1 hour') returning id")
                .bind("email", prefix + "-" + System.nanoTime() + "@telemed.test")
                .bind("must", temporary != null).bind("hash", hash)
                .map(row -> row.get(0, Long.class)).one().block();
        db.sql("update users set email = :email where id = :id")
                .bind("email", prefix + "-" + id + "@telemed.test").bind("id", id).fetch().rowsUpdated().block();
        return id;
    }

    @Test
    void anItAdminWithoutTotpGetsAnEnrolmentOnlyTokenUntilEnrolled() {
        Map<String, Object> first = login();
        assertThat(first).containsEntry("mfa_enrollment_required", true).doesNotContainKey("refresh_token");
        String limited = (String) first.get("access_token");
        web.get().uri("/api/v1/admin/medical-professionals").headers(h -> h.setBearerAuth(limited)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(limited)).exchange().expectStatus().isForbidden();

        Map<String, Object> enrolment = call("/api/v1/auth/mfa/enroll", limited, Map.of());
        byte[] key = Totp.fromBase32((String) enrolment.get("secret"));
        long step = MfaIT.freshStep();
        Map<String, Object> verified = call("/api/v1/auth/mfa/verify", limited, Map.of("code", Totp.code(key, step - 1)));
        assertThat(verified.get("tokens").toString()).contains("refresh_token").contains("/it/medical-professionals");

        assertThat(login()).containsEntry("mfa_required", true).doesNotContainKey("access_token");
    }

    private Map<String, Object> login() {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            var result = web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "mfa-root@telemed.test", "password", "Root-Needs-Mfa-2026")).exchange()
                    .expectBody(AuthIntegrationTest.MAP).returnResult();
            if (result.getStatus().value() == 200 || System.currentTimeMillis() > deadline) {
                assertThat(result.getStatus().value()).isEqualTo(200);
                return result.getResponseBody();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> call(String path, String token, Object body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(AuthIntegrationTest.MAP).returnResult().getResponseBody();
    }
}
