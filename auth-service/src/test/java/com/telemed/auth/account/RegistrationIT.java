package com.telemed.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.events.MedicalProfessionalRegistered;

class RegistrationIT extends AuthIntegrationTest {

    @Test
    void registersASpecialistAndPublishesTheSealedTemporaryPasswordValidForADay() {
        String email = uniqueEmail("reg");
        Map<String, Object> created = registerDoctor(email, "Cardiología");

        assertThat(created).containsEntry("email", email).containsEntry("role", "specialist")
                .containsEntry("specialty", "Cardiología").containsEntry("active", true)
                .containsEntry("must_change_password", true);
        assertThat(created).doesNotContainKeys("password_hash", "temp_password_hash", "temporary_password");

        MedicalProfessionalRegistered event = awaitEvent(MedicalProfessionalRegistered.class, e -> e.email().equals(email));
        assertThat(event.userId()).isEqualTo(((Number) created.get("id")).longValue());
        assertThat(event.temporaryPasswordExpiresAt()).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
        String temporary = seal.open("medical-professional.registered", "sealed_temporary_password",
                event.sealedTemporaryPassword());
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(16);
        assertThat(event.sealedTemporaryPassword()).doesNotContain(temporary);
        // Stored only as a digest.
        assertThat(count("select count(*) from users where temp_password_hash = '" + temporary + "'")).isZero();
    }

    @Test
    void aWrongTokenIsRefusedWith403AndCreatesNothing() {
        String email = uniqueEmail("wrong-token");
        Map<String, Object> body = post("/api/v1/auth/register-medical-professional", Map.of("email", email,
                "full_name", "Dr. X", "license_number", "L-1", "specialty", "Dermatología",
                "registration_token", "not-the-token"), 403);
        assertProblem(body, "invalid-registration-token");
        assertThat(count("select count(*) from users where email = '" + email + "'")).isZero();
    }

    @Test
    void aDuplicateEmailIs409AndIgnoresCase() {
        String email = uniqueEmail("dup");
        registerDoctor(email, "Cardiología");
        Map<String, Object> body = post("/api/v1/auth/register-medical-professional", Map.of("email",
                email.toUpperCase(), "full_name", "Dr. Y", "license_number", "L-2", "specialty", "Cardiología",
                "registration_token", REGISTRATION_TOKEN), 409);
        assertProblem(body, "email-taken");
    }

    @Test
    void invalidFieldsAre400WithTheFieldsNamed() {
        Map<String, Object> request = new HashMap<>(Map.of("email", "not-an-email", "full_name", "",
                "license_number", "L-3", "specialty", "Cardiología", "registration_token", REGISTRATION_TOKEN));
        Map<String, Object> body = post("/api/v1/auth/register-medical-professional", request, 400);
        assertProblem(body, "validation");
        assertThat(body.get("errors").toString()).contains("email").contains("full_name");
    }

    @Test
    void aOneTimeTokenFromAnItAdminRegistersOnceOnly() {
        String root = rootToken();
        Map<String, Object> oneTime = post("/api/v1/admin/medical-professionals/registration-tokens", root, Map.of(), 201);
        String token = (String) oneTime.get("token");
        assertThat(token).isNotBlank();

        String first = uniqueEmail("one-time");
        post("/api/v1/auth/register-medical-professional", Map.of("email", first, "full_name", "Dr. One",
                "license_number", "L-4", "specialty", "Pediatría", "registration_token", token), 201);
        String second = uniqueEmail("one-time-again");
        post("/api/v1/auth/register-medical-professional", Map.of("email", second, "full_name", "Dr. Two",
                "license_number", "L-5", "specialty", "Pediatría", "registration_token", token), 403);
        assertThat(count("select count(*) from users where email = '" + second + "'")).isZero();
    }

    @Test
    void aFailedRegistrationGivesTheOneTimeTokenBack() {
        String root = rootToken();
        String token = (String) post("/api/v1/admin/medical-professionals/registration-tokens", root, Map.of(), 201)
                .get("token");
        String taken = uniqueEmail("taken");
        registerDoctor(taken, "Pediatría");
        post("/api/v1/auth/register-medical-professional", Map.of("email", taken, "full_name", "Dr. Dup",
                "license_number", "L-6", "specialty", "Pediatría", "registration_token", token), 409);
        post("/api/v1/auth/register-medical-professional", Map.of("email", uniqueEmail("after"), "full_name",
                "Dr. After", "license_number", "L-7", "specialty", "Pediatría", "registration_token", token), 201);
    }
}
