package com.telemed.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.testkit.TestTokens;

class MedicalProfessionalsIT extends AuthIntegrationTest {

    static final String PASSWORD = "Directorio-Clave-Segura-5";

    @Test
    @SuppressWarnings("unchecked")
    void listsPagedAndFilteredForItAdminAndAdminButNotForDoctors() {
        String specialty = "Neurología-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            registerDoctor(uniqueEmail("neuro"), specialty);
        }
        String root = rootToken();
        Map<String, Object> page = get("/api/v1/admin/medical-professionals?specialty=" + specialty + "&size=2",
                root, 200);
        assertThat((List<Object>) page.get("items")).hasSize(2);
        assertThat(page).containsEntry("total", 3).containsEntry("size", 2).containsEntry("page", 0);
        Map<String, Object> second = get("/api/v1/admin/medical-professionals?specialty=" + specialty
                + "&size=2&page=1", root, 200);
        assertThat((List<Object>) second.get("items")).hasSize(1);
        assertThat(get("/api/v1/admin/medical-professionals?specialty=" + specialty + "&active=false", root, 200))
                .containsEntry("total", 0);
        assertThat(((List<Map<String, Object>>) page.get("items")).get(0)).doesNotContainKeys("password_hash",
                "mfa_secret", "temp_password_hash");

        get("/api/v1/admin/medical-professionals", TestTokens.mint("admin", 9_999), 200);
        get("/api/v1/admin/medical-professionals", TestTokens.mint("medical_admin", 9_999), 200);
        get("/api/v1/admin/medical-professionals", TestTokens.mint("specialist", 9_999), 403);
        get("/api/v1/admin/medical-professionals", TestTokens.mint("doctor", 9_999), 403);
        get("/api/v1/admin/medical-professionals", TestTokens.mint("patient", 9_999), 403);
        get("/api/v1/admin/medical-professionals?size=1000", root, 400);
    }

    @Test
    void itAdminEditsAndDeactivatesAndTheDeactivatedAccountIsOutAtOnce() {
        String email = uniqueEmail("deactivate");
        Map<String, Object> session = doctorWithPassword(email, PASSWORD);
        long id = db.sql("select id from users where email = :email").bind("email", email)
                .map(row -> row.get("id", Long.class)).one().block();
        String root = rootToken();

        Map<String, Object> edited = patch(id, root, Map.of("full_name", "Dra. Renombrada", "specialty", "Pediatría",
                "license_number", "NEW-LIC"), 200);
        assertThat(edited).containsEntry("full_name", "Dra. Renombrada").containsEntry("specialty", "Pediatría");
        MedicalProfessionalUpdated renamed = awaitEvent(MedicalProfessionalUpdated.class,
                e -> e.userId() == id && "Dra. Renombrada".equals(e.fullName()));
        assertThat(renamed.active()).isTrue();

        // admin may read but not write.
        patch(id, TestTokens.mint("admin", 9_999), Map.of("active", false), 403);
        patch(id, root, Map.of("role", "patient"), 422);
        patch(id, root, Map.of("role", "superuser"), 422);
        patch(999_999_999L, root, Map.of("active", false), 404);
        patch(id, root, Map.of(), 422);

        patch(id, root, Map.of("active", false), 200);
        MedicalProfessionalUpdated off = awaitEvent(MedicalProfessionalUpdated.class, e -> e.userId() == id && !e.active());
        assertThat(off.email()).isEqualTo(email);

        String access = (String) session.get("access_token");
        get("/api/v1/auth/me", access, 401);
        post("/api/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token")), 401);
        login(email, PASSWORD, 401);

        patch(id, root, Map.of("active", true), 200);
        login(email, PASSWORD, 200);
    }

    @Test
    void anItAdminCannotLockThemselvesOut() {
        String root = rootToken();
        long rootId = db.sql("select id from users where email = :email").bind("email", ROOT_EMAIL)
                .map(row -> row.get("id", Long.class)).one().block();
        patch(rootId, root, Map.of("active", false), 409);
        patch(rootId, root, Map.of("role", "admin"), 409);
    }

    private Map<String, Object> patch(long id, String token, Map<String, Object> body, int status) {
        return web.patch().uri("/api/v1/admin/medical-professionals/" + id).headers(h -> h.setBearerAuth(token))
                .bodyValue(body).exchange().expectStatus().isEqualTo(status)
                .expectBody(MAP).returnResult().getResponseBody();
    }
}
