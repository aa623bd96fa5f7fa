package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.AuthIntegrationTest;

/** A session ends a fixed time after its sign-in: refreshing renews the token, never the session. */
class SessionLifetimeIT extends AuthIntegrationTest {

    static final String PASSWORD = "Sesion-Con-Limite-44";

    @Test
    void refreshNeverCarriesASessionPastItsAbsoluteEnd() {
        String email = uniqueEmail("session");
        doctorWithPassword(email, PASSWORD);
        String first = (String) login(email, PASSWORD, 200).get("refresh_token");
        long userId = count("select id from users where email = '" + email + "'");
        String family = db.sql("select family_id from refresh_tokens where user_id = :u and revoked_at is null"
                        + " order by id desc limit 1").bind("u", userId)
                .map(row -> row.get(0, String.class)).one().block();

        // Every token of the family carries the same end, 12 h after the sign-in by default.
        assertThat(count("select count(*) from refresh_tokens where family_id = '" + family
                + "' and session_expires_at between now() + interval '11 hours 59 minutes'"
                + " and now() + interval '12 hours'")).isEqualTo(1);
        String second = (String) post("/api/v1/auth/refresh", Map.of("refresh_token", first), 200).get("refresh_token");
        assertThat(count("select count(distinct session_expires_at) from refresh_tokens where family_id = '"
                + family + "'")).isEqualTo(1);

        // Ten minutes before the end, a refresh still works but the new token lives only until the end.
        db.sql("update refresh_tokens set session_expires_at = now() + interval '10 minutes' where family_id = :f")
                .bind("f", family).fetch().rowsUpdated().block();
        String third = (String) post("/api/v1/auth/refresh", Map.of("refresh_token", second), 200).get("refresh_token");
        assertThat(count("select count(*) from refresh_tokens where family_id = '" + family
                + "' and used_at is null and expires_at <= session_expires_at"
                + " and expires_at < now() + interval '11 minutes'")).isEqualTo(1);

        // Past the end the token is refused, though its own 12 h would not have run out.
        db.sql("update refresh_tokens set session_expires_at = now() - interval '1 second',"
                        + " expires_at = now() + interval '11 hours' where family_id = :f")
                .bind("f", family).fetch().rowsUpdated().block();
        assertProblem(post("/api/v1/auth/refresh", Map.of("refresh_token", third), 401), "invalid-refresh-token");
        // A new sign-in starts a new session.
        assertThat(login(email, PASSWORD, 200)).containsKey("refresh_token");
    }
}
