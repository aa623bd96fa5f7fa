package com.telemed.auth.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer of login, refresh, the MFA step and patient-login: {@code access_token}, {@code refresh_token}
 * (staff only), {@code token_type}, {@code expires_in} seconds, {@code role}, {@code redirect_to}, and when they
 * apply {@code must_change_password}, {@code mfa_required} + {@code mfa_token}, {@code mfa_enrollment_required}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenAnswer(
        @Nullable String accessToken,
        @Nullable String refreshToken,
        @Nullable String tokenType,
        @Nullable Long expiresIn,
        @Nullable String role,
        @Nullable Boolean mustChangePassword,
        String redirectTo,
        @Nullable String email,
        @Nullable String fullName,
        @Nullable Boolean mfaRequired,
        @Nullable String mfaToken,
        @Nullable Boolean mfaEnrollmentRequired) {

    public static TokenAnswer tokens(String access, String refresh, long expiresIn, String role, String redirectTo,
            String email, String fullName) {
        return new TokenAnswer(access, refresh, "Bearer", expiresIn, role, null, redirectTo, email, fullName, null,
                null, null);
    }

    public static TokenAnswer mustChange(String access, long expiresIn, String role, String email, String fullName) {
        return new TokenAnswer(access, null, "Bearer", expiresIn, role, true, "/login/cambiar-contrasena", email,
                fullName, null, null, null);
    }

    public static TokenAnswer mfaStep(String mfaToken) {
        return new TokenAnswer(null, null, null, null, null, null, "/login/mfa", null, null, true, mfaToken, null);
    }

    public static TokenAnswer mfaEnrollment(String access, long expiresIn, String role, String email, String fullName) {
        return new TokenAnswer(access, null, "Bearer", expiresIn, role, null, "/login/mfa/activar", email, fullName,
                null, null, true);
    }
}
