package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.telemed.auth.AuthIntegrationTest;
import com.telemed.testkit.TestTokens;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;

class SignInFlowIT extends AuthIntegrationTest {

    static final String NEW_PASSWORD = "Cardio-Guardia-Nocturna-7";

    @Test
    void firstLoginForcesTheChangeAndTheNewPasswordLandsOnTheDoctorHome() throws Exception {
        String email = uniqueEmail("flow");
        registerDoctor(email, "Cardiología");
        String temporary = temporaryPasswordOf(email);

        Map<String, Object> limited = post("/api/v1/auth/login-temporary",
                Map.of("email", email, "temporary_password", temporary), 200);
        assertThat(limited).containsEntry("must_change_password", true).containsEntry("role", "specialist")
                .doesNotContainKey("refresh_token");
        String limitedToken = (String) limited.get("access_token");
        assertThat(claims(limitedToken)).containsEntry("role", "password_change");

        // The limited token opens nothing but the password change.
        get("/api/v1/auth/me", limitedToken, 403);
        get("/api/v1/admin/medical-professionals", limitedToken, 403);
        // The temporary password is single-use.
        assertProblem(post("/api/v1/auth/login-temporary",
                Map.of("email", email, "temporary_password", temporary), 401), "invalid-credentials");

        // Policy: length, the email, common passwords.
        assertProblem(post("/api/v1/auth/change-password", limitedToken, Map.of("new_password", "short-1"), 422),
                "weak-password");
        assertProblem(post("/api/v1/auth/change-password", limitedToken,
                Map.of("new_password", "x" + email + "x"), 422), "weak-password");
        assertProblem(post("/api/v1/auth/change-password", limitedToken,
                Map.of("new_password", "Password1234"), 422), "weak-password");

        Map<String, Object> changed = post("/api/v1/auth/change-password", limitedToken,
                Map.of("new_password", NEW_PASSWORD), 200);
        assertThat(changed).containsEntry("redirect_to", "/doctor").containsKey("refresh_token");
        assertThat(count("select count(*) from users where email = '" + email
                + "' and password_hash like '$2_$10$%' and must_change_password = false")).isEqualTo(1);
        // Used once: the limited token cannot change it again.
        post("/api/v1/auth/change-password", limitedToken, Map.of("new_password", "Otra-Clave-Distinta-99"), 409);

        Map<String, Object> session = login(email, NEW_PASSWORD, 200);
        assertThat(session).containsEntry("role", "specialist").containsEntry("redirect_to", "/doctor")
                .containsEntry("token_type", "Bearer").containsEntry("email", email)
                .containsEntry("full_name", "Dr. Test").doesNotContainKey("must_change_password");
        assertThat(((Number) session.get("expires_in")).longValue()).isEqualTo(900);
        String access = (String) session.get("access_token");

        // RS256 with a kid that the public JWKS resolves; claims as agreed.
        String jwks = web.get().uri("/api/v1/auth/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String kid = header(access).get("kid").toString();
        assertThat(header(access)).containsEntry("alg", "RS256");
        RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(kid);
        Jws<Claims> verified = Jwts.parser().verifyWith(key.toRSAPublicKey()).requireIssuer("telemed-auth")
                .requireAudience("telemed").build().parseSignedClaims(access);
        assertThat(verified.getPayload().get("role", String.class)).isEqualTo("specialist");
        assertThat(verified.getPayload().get("email", String.class)).isEqualTo(email);
        assertThat(verified.getPayload().get("name", String.class)).isEqualTo("Dr. Test");
        assertThat(verified.getPayload().getExpiration().getTime() - verified.getPayload().getIssuedAt().getTime())
                .isEqualTo(15 * 60 * 1000);

        Map<String, Object> me = get("/api/v1/auth/me", access, 200);
        assertThat(me).containsEntry("email", email).containsEntry("role", "specialist");

        // A doctor is not an administrator.
        get("/api/v1/admin/medical-professionals", access, 403);
        web.patch().uri("/api/v1/admin/medical-professionals/1").headers(h -> h.setBearerAuth(access))
                .bodyValue(Map.of("active", false)).exchange().expectStatus().isForbidden();
        post("/api/v1/admin/medical-professionals/registration-tokens", access, Map.of(), 403);
    }

    @Test
    void theTemporaryPasswordAtTheNormalLoginAlsoForcesTheChange() {
        String email = uniqueEmail("via-login");
        registerDoctor(email, "Dermatología");
        Map<String, Object> answer = login(email, temporaryPasswordOf(email), 200);
        assertThat(answer).containsEntry("must_change_password", true)
                .containsEntry("redirect_to", "/login/cambiar-contrasena").doesNotContainKey("refresh_token");
        assertThat(claims((String) answer.get("access_token"))).containsEntry("role", "password_change");
    }

    @Test
    void anExpiredTemporaryPasswordIs401() {
        String email = uniqueEmail("expired");
        registerDoctor(email, "Dermatología");
        String temporary = temporaryPasswordOf(email);
        db.sql("update users set temp_password_expires_at = now() - interval '1 minute' where email = :email")
                .bind("email", email).fetch().rowsUpdated().block();
        assertProblem(post("/api/v1/auth/login-temporary", Map.of("email", email, "temporary_password", temporary),
                401), "invalid-credentials");
    }

    @Test
    void wrongPasswordsAndUnknownEmailsAre401() {
        String email = uniqueEmail("wrong");
        doctorWithPassword(email, NEW_PASSWORD);
        assertProblem(login(email, "Not-The-Password-123", 401), "invalid-credentials");
        assertProblem(login(uniqueEmail("nobody"), NEW_PASSWORD, 401), "invalid-credentials");
        assertProblem(post("/api/v1/auth/login", Map.of("email", email), 400), "validation");
    }

    @Test
    void changingAPasswordByChoiceNeedsTheCurrentOne() {
        String email = uniqueEmail("by-choice");
        String access = (String) doctorWithPassword(email, NEW_PASSWORD).get("access_token");
        assertProblem(post("/api/v1/auth/change-password", access,
                Map.of("current_password", "Wrong-Current-123", "new_password", "Nueva-Clave-Segura-42"), 422),
                "wrong-current-password");
        post("/api/v1/auth/change-password", access,
                Map.of("current_password", NEW_PASSWORD, "new_password", "Nueva-Clave-Segura-42"), 200);
        login(email, NEW_PASSWORD, 401);
        login(email, "Nueva-Clave-Segura-42", 200);
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
        String email = uniqueEmail("refresh");
        doctorWithPassword(email, NEW_PASSWORD);
        Map<String, Object> session = login(email, NEW_PASSWORD, 200);
        String first = (String) session.get("refresh_token");

        Map<String, Object> renewed = post("/api/v1/auth/refresh", Map.of("refresh_token", first), 200);
        String second = (String) renewed.get("refresh_token");
        assertThat(second).isNotEqualTo(first);
        assertThat(renewed).containsEntry("role", "specialist").containsKey("access_token");

        // The old token again: a copy is in use, so the family (including the second) dies.
        assertProblem(post("/api/v1/auth/refresh", Map.of("refresh_token", first), 401), "invalid-refresh-token");
        post("/api/v1/auth/refresh", Map.of("refresh_token", second), 401);
        post("/api/v1/auth/refresh", Map.of("refresh_token", "made-up"), 401);
    }

    @Test
    void logoutEndsTheRefreshFamily() {
        String email = uniqueEmail("logout");
        doctorWithPassword(email, NEW_PASSWORD);
        Map<String, Object> session = login(email, NEW_PASSWORD, 200);
        web.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth((String) session.get("access_token")))
                .bodyValue(Map.of("refresh_token", session.get("refresh_token"))).exchange()
                .expectStatus().isNoContent();
        post("/api/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token")), 401);
        web.post().uri("/api/v1/auth/logout").bodyValue(Map.of()).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void eachRoleIsSentToItsHome() {
        String root = rootToken();
        assertThat(login(ROOT_EMAIL, ROOT_PASSWORD, 200)).containsEntry("redirect_to", "/it/medical-professionals")
                .containsEntry("role", "it_admin");
        String email = uniqueEmail("to-admin");
        doctorWithPassword(email, NEW_PASSWORD);
        long id = db.sql("select id from users where email = :email").bind("email", email)
                .map(row -> row.get("id", Long.class)).one().block();
        web.patch().uri("/api/v1/admin/medical-professionals/" + id).headers(h -> h.setBearerAuth(root))
                .bodyValue(Map.of("role", "medical_admin")).exchange().expectStatus().isOk();
        assertThat(login(email, NEW_PASSWORD, 200)).containsEntry("redirect_to", "/admin")
                .containsEntry("role", "medical_admin");
    }

    @Test
    void tokensOfOtherIssuersOrForgedOnesAreRefused() {
        web.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(TestTokens.forged("it_admin", 1)))
                .exchange().expectStatus().isUnauthorized();
        // A patient token is not a staff one.
        web.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(TestTokens.mint("patient", 5)))
                .exchange().expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(String jwt) throws Exception {
        return tools.jackson.databind.json.JsonMapper.shared().readValue(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String jwt) {
        return tools.jackson.databind.json.JsonMapper.shared().readValue(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
    }
}
