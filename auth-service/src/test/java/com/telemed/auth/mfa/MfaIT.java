package com.telemed.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
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
        web.post().uri("/api/v1/auth/mfa/disable").headers(h -> h.setBearerAuth(full))
                .bodyValue(Map.of("code", Totp.code(key, step + 1))).exchange().expectStatus().isNoContent();
        assertThat(login(email, PASSWORD, 200)).containsKey("access_token").doesNotContainKey("mfa_required");
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
