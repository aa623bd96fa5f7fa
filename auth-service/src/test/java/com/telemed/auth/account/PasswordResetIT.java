package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.events.PasswordResetRequested;

class PasswordResetIT extends AuthIntegrationTest {

    static final String OLD = "Clave-Antigua-Segura-11";
    static final String NEW = "Clave-Nueva-Segura-22";

    @Test
    void resetAnswersAlikeForKnownAndUnknownEmailsAndTheLinkWorksOnce() {
        String email = uniqueEmail("reset");
        doctorWithPassword(email, OLD);

        long start = System.nanoTime();
        Map<String, Object> known = post("/api/v1/auth/reset-password", Map.of("email", email), 202);
        Duration knownTime = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        Map<String, Object> unknown = post("/api/v1/auth/reset-password", Map.of("email", uniqueEmail("ghost")), 202);
        Duration unknownTime = Duration.ofNanos(System.nanoTime() - start);
        assertThat(known).isEqualTo(unknown);
        // Both wait for the same floor, so the answer time does not reveal the account.
        assertThat(knownTime).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        assertThat(unknownTime).isGreaterThanOrEqualTo(Duration.ofMillis(390));

        PasswordResetRequested event = awaitEvent(PasswordResetRequested.class, e -> e.email().equals(email));
        String token = seal.open("password-reset.requested", "sealed_token", event.sealedToken());
        assertThat(event.expiresAt()).isBefore(java.time.Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(count("select count(*) from password_reset_tokens where token_hash = '" + token + "'")).isZero();

        // A weak password is refused and the link stays usable.
        assertProblem(post("/api/v1/auth/reset-password-confirm", Map.of("token", token, "new_password", "corta"), 422),
                "weak-password");
        post("/api/v1/auth/reset-password-confirm", Map.of("token", token, "new_password", NEW), 200);
        login(email, OLD, 401);
        login(email, NEW, 200);
        assertProblem(post("/api/v1/auth/reset-password-confirm",
                Map.of("token", token, "new_password", "Otra-Clave-Segura-33"), 400), "invalid-reset-token");
    }

    @Test
    void anExpiredOrMadeUpLinkIsRefused() {
        String email = uniqueEmail("reset-expired");
        doctorWithPassword(email, OLD);
        post("/api/v1/auth/reset-password", Map.of("email", email), 202);
        PasswordResetRequested event = awaitEvent(PasswordResetRequested.class, e -> e.email().equals(email));
        String token = seal.open("password-reset.requested", "sealed_token", event.sealedToken());
        db.sql("update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = :id")
                .bind("id", event.userId()).fetch().rowsUpdated().block();
        post("/api/v1/auth/reset-password-confirm", Map.of("token", token, "new_password", NEW), 400);
        post("/api/v1/auth/reset-password-confirm", Map.of("token", "made-up", "new_password", NEW), 400);
        post("/api/v1/auth/reset-password", Map.of("email", "not-an-email"), 400);
        login(email, OLD, 200);
    }
}
