package com.telemed.auth.support;

import java.util.Set;

/** The roles of Telemed's access tokens and where each lands after signing in. */
public final class Roles {

    public static final String IT_ADMIN = "it_admin";
    public static final String MEDICAL_ADMIN = "medical_admin";
    public static final String ADMIN = "admin";
    public static final String SPECIALIST = "specialist";
    public static final String DOCTOR = "doctor";
    public static final String PATIENT = "patient";
    /** Carried by the limited token after a temporary-password login: it may only change the password. */
    public static final String PASSWORD_CHANGE = "password_change";

    /** Carried by an it_admin's limited token while TOTP enrolment is required: it may only enrol. */
    public static final String MFA_ENROLLMENT = "mfa_enrollment";

    public static final Set<String> STAFF = Set.of(IT_ADMIN, MEDICAL_ADMIN, ADMIN, SPECIALIST, DOCTOR);
    public static final Set<String> STAFF_READERS = Set.of(IT_ADMIN, MEDICAL_ADMIN, ADMIN);

    private Roles() {
    }

    public static String homeOf(String role) {
        return switch (role) {
            case IT_ADMIN -> "/it/medical-professionals";
            case MEDICAL_ADMIN, ADMIN -> "/admin";
            case SPECIALIST, DOCTOR -> "/doctor";
            case PATIENT -> "/mis-consultas";
            default -> "/login";
        };
    }
}
