package com.telemed.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.account.Totp;
import com.telemed.auth.AuthIntegrationTest;

class MfaIT extends AuthIntegrationTest {

    static final String PASSWORD = "Segundo-Factor-Clave-9";

    @Test
    void enrolVerifyAndSignInWithASecondStepThatRefusesAReplayedCode() {
        String email = uniqueEmail("mfa");
        String access = (String) doctorWithPassword(email, PASSWORD).get("access_token");

        Map<String, Object> enrolment = post("/api/v1/auth/mfa/enroll", access, Map.of(), 200);
        String secret = (String) enrolment.get("secret");
        URI uri = URI.create((String) enrolment.get("otpauth_uri"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getRawQuery()).contains("secret=" + secret).contains("issuer=Telemed");
        // Stored sealed, never as the plain secret.
        assertThat(count("select count(*) from users where mfa_secret like '%" + secret + "%'")).isZero();

        byte[] key = Totp.fromBase32(secret);
        long step = freshStep();
        assertProblem(post("/api/v1/auth/mfa/verify", access, Map.of("code", wrong(key, step)), 422),
                "invalid-mfa-code");
        Map<String, Object> verified = post("/api/v1/auth/mfa/verify", access,
                Map.of("code", Totp.code(key, step - 1)), 200);
        assertThat(verified.get("account").toString()).contains("mfa_enabled=true");
        assertThat(count("select count(*) from audit_log where action = 'mfa-enable' and outcome = 'success'"))
                .isPositive();

        // The password alone no longer opens a session.
        Map<String, Object> first = login(email, PASSWORD, 200);
        assertThat(first).containsEntry("mfa_required", true).doesNotContainKeys("access_token", "refresh_token");
        String challenge = (String) first.get("mfa_token");
        // The challenge is not an access token anywhere.
        get("/api/v1/auth/me", challenge, 401);

        assertProblem(post("/api/v1/auth/login/mfa", Map.of("mfa_token", challenge, "code", wrong(key, step)), 401),
                "invalid-mfa-code");
        // A code of a step already used (the one that verified the enrolment) is refused.
        post("/api/v1/auth/login/mfa", Map.of("mfa_token", challenge, "code", Totp.code(key, step - 1)), 401);
        Map<String, Object> session = post("/api/v1/auth/login/mfa",
                Map.of("mfa_token", challenge, "code", Totp.code(key, step)), 200);
        assertThat(session).containsKeys("access_token", "refresh_token").containsEntry("redirect_to", "/doctor");
        // The same code again is a replay.
        post("/api/v1/auth/login/mfa", Map.of("mfa_token", challenge, "code", Totp.code(key, step)), 401);
        post("/api/v1/auth/login/mfa", Map.of("mfa_token", "not-a-token", "code", "123456"), 401);

        String full = (String) session.get("access_token");
        post("/api/v1/auth/mfa/enroll", full, Map.of(), 409);
        // Turning MFA off takes the password as well as a code: a borrowed session alone cannot do it.
        post("/api/v1/auth/mfa/disable", full, Map.of("code", Totp.code(key, step + 1)), 400);
        assertProblem(post("/api/v1/auth/mfa/disable", full,
                Map.of("password", "Not-The-Password-1", "code", Totp.code(key, step + 1)), 422), "invalid-mfa-proof");
        assertThat(login(email, PASSWORD, 200)).containsEntry("mfa_required", true);
        web.post().uri("/api/v1/auth/mfa/disable").headers(h -> h.setBearerAuth(full))
                .bodyValue(Map.of("password", PASSWORD, "code", Totp.code(key, step + 1))).exchange()
                .expectStatus().isNoContent();
        assertThat(login(email, PASSWORD, 200)).containsKey("access_token").doesNotContainKey("mfa_required");
    }

    @Test
    @SuppressWarnings("unchecked")
    void recoveryCodesAreShownOnceStoredHashedAndEachWorksOnce() {
        String email = uniqueEmail("recovery");
        String access = (String) doctorWithPassword(email, PASSWORD).get("access_token");
        byte[] key = Totp.fromBase32((String) post("/api/v1/auth/mfa/enroll", access, Map.of(), 200).get("secret"));
        long step = freshStep();
        Map<String, Object> verified = post("/api/v1/auth/mfa/verify", access, Map.of("code", Totp.code(key, step)), 200);
        List<String> codes = (List<String>) verified.get("recovery_codes");
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}"));
        long userId = count("select id from users where email = '" + email + "'");
        // Only digests are kept.
        assertThat(count("select count(*) from mfa_recovery_codes where user_id = " + userId)).isEqualTo(10);
        for (String code : codes) {
            assertThat(count("select count(*) from mfa_recovery_codes where code_hash like '%"
                    + code.replace("-", "") + "%'")).isZero();
        }
        assertThat(get("/api/v1/auth/mfa", access, 200)).containsEntry("enabled", true)
                .containsEntry("recovery_codes_left", 10);

        // A recovery code stands in for the TOTP step, typed in any case and with spaces; once.
        String challenge = (String) login(email, PASSWORD, 200).get("mfa_token");
        Map<String, Object> session = post("/api/v1/auth/login/mfa",
                Map.of("mfa_token", challenge, "code", " " + codes.get(0).toUpperCase() + " "), 200);
        assertThat(session).containsKeys("access_token", "refresh_token");
        String again = (String) login(email, PASSWORD, 200).get("mfa_token");
        assertProblem(post("/api/v1/auth/login/mfa", Map.of("mfa_token", again, "code", codes.get(0)), 401),
                "invalid-mfa-code");
        assertProblem(post("/api/v1/auth/login/mfa", Map.of("mfa_token", again, "code", "abcd-efgh-jkmn"), 401),
                "invalid-mfa-code");
        assertThat(get("/api/v1/auth/mfa", access, 200)).containsEntry("recovery_codes_left", 9);

        // A new set needs both factors again, and the old codes stop working.
        assertProblem(post("/api/v1/auth/mfa/recovery-codes", access,
                Map.of("password", "Not-The-Password-1", "code", codes.get(1)), 422), "invalid-mfa-proof");
        List<String> fresh = (List<String>) post("/api/v1/auth/mfa/recovery-codes", access,
                Map.of("password", PASSWORD, "code", codes.get(2)), 200).get("recovery_codes");
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(codes);
        assertProblem(post("/api/v1/auth/login/mfa", Map.of("mfa_token", again, "code", codes.get(3)), 401),
                "invalid-mfa-code");
        assertThat(post("/api/v1/auth/login/mfa", Map.of("mfa_token", again, "code", fresh.get(0)), 200))
                .containsKey("refresh_token");

        // A recovery code also turns MFA off (the phone is lost), and the codes go with it.
        web.post().uri("/api/v1/auth/mfa/disable").headers(h -> h.setBearerAuth(access))
                .bodyValue(Map.of("password", PASSWORD, "code", fresh.get(1))).exchange().expectStatus().isNoContent();
        assertThat(count("select count(*) from mfa_recovery_codes where user_id = " + userId)).isZero();
        assertThat(get("/api/v1/auth/mfa", access, 200)).containsEntry("enabled", false);
        post("/api/v1/auth/mfa/recovery-codes", access, Map.of("password", PASSWORD, "code", fresh.get(2)), 409);
    }

    @Test
    void totpMatchesTheRfc6238Vectors() {
        byte[] rfcKey = "12345678901234567890".getBytes();
        // RFC 6238 appendix B, SHA-1, last 6 digits.
        assertThat(Totp.code(rfcKey, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(rfcKey, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(rfcKey, 2000000000L / 30)).isEqualTo("279037");
        assertThat(Totp.fromBase32(Totp.base32(rfcKey))).isEqualTo(rfcKey);
    }

    /** The current step, once at least 12 s of it remain, so a sequence of codes never straddles a boundary. */
    static long freshStep() {
        long left = Totp.secondsLeftInStep(Instant.now());
        if (left < 12) {
            sleep((left + 1) * 1000);
        }
        return Totp.stepAt(Instant.now());
    }

    private static String wrong(byte[] key, long step) {
        String right = Totp.code(key, step);
        for (int i = 0; i < 1000; i++) {
            String candidate = String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000);
            if (!candidate.equals(Totp.code(key, step - 1)) && !candidate.equals(Totp.code(key, step + 1))) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
