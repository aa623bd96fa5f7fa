package com.telemed.servicekit.security;

import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import com.telemed.servicekit.web.ApiException;
import com.telemed.webkit.RoleClaimConverter;

/**
 * Who is calling, from the checked access token: {@code id} is the token subject (a staff user's id, or a
 * patient's id for patients), {@code role} its {@code role} claim, {@code kind} whether that is a staff member or a
 * patient ({@link Kind#NONE} for {@link #SYSTEM}, {@link #ANONYMOUS} and unknown roles). A controller takes it as
 * a handler parameter ({@link CallerArgumentResolver}), or builds it with {@link #of(Jwt)}.
 */
public record Caller(String id, String role, Kind kind) {

    public enum Kind {
        STAFF, PATIENT, NONE
    }

    /** Background work of the service itself. */
    public static final Caller SYSTEM = new Caller(Roles.SYSTEM, Roles.SYSTEM);

    /** Nobody signed in: a request without a token on a public path. */
    public static final Caller ANONYMOUS = new Caller("public", Roles.ANONYMOUS);

    public Caller(String id, String role) {
        this(id, role, kindOf(role));
    }

    public static Caller of(Jwt jwt) {
        String role = jwt.getClaimAsString(RoleClaimConverter.ROLE_CLAIM);
        return new Caller(jwt.getSubject(), role == null ? "" : role);
    }

    /** The patient who follows the secure link of their own consultation. */
    public static Caller patientLink(long patientId) {
        return new Caller(String.valueOf(patientId), Roles.PATIENT_LINK);
    }

    private static Kind kindOf(String role) {
        if (role == null) {
            return Kind.NONE;
        }
        if (Roles.PATIENTS.contains(role)) {
            return Kind.PATIENT;
        }
        return Roles.STAFF.contains(role) || Roles.LIMITED.contains(role) ? Kind.STAFF : Kind.NONE;
    }

    /** Whether the request carried a valid access token. */
    public boolean signedIn() {
        return role != null && !Roles.ANONYMOUS.equals(role) && !Roles.SYSTEM.equals(role);
    }

    public boolean isAdmin() {
        return Roles.ADMINS.contains(role);
    }

    /** An admin who may change medical and booking data: admin or medical_admin, never it_admin. */
    public boolean canAdminWrite() {
        return Roles.ADMIN_WRITERS.contains(role);
    }

    public boolean isItAdmin() {
        return Roles.IT_ADMIN.equals(role);
    }

    public boolean isDoctor() {
        return Roles.DOCTORS.contains(role);
    }

    /** A patient, signed in or through a consultation's link. */
    public boolean isPatient() {
        return kind == Kind.PATIENT;
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    public boolean hasRole(String expected) {
        return expected.equals(role);
    }

    /** The id as a number (user and patient ids are); 403 if the subject is not one. */
    public long numericId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.forbidden();
        }
    }

    /** 403 unless {@code allowed}. */
    public void require(boolean allowed) {
        if (!allowed) {
            throw ApiException.forbidden();
        }
    }

    /** This caller, if their role is one of {@code allowed}; 403 otherwise. */
    public Caller requireRole(Set<String> allowed) {
        require(role != null && allowed.contains(role));
        return this;
    }
}
