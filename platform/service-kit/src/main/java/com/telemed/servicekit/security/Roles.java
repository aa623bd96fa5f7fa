package com.telemed.servicekit.security;

import java.util.Set;

/**
 * The roles carried by Telemed's access tokens (the {@code role} claim), and the groups every service decides
 * with. The same words appear in the audit log's {@code actor_role}, with two more for actors that hold no token:
 * {@link #SYSTEM} and {@link #ANONYMOUS}.
 */
public final class Roles {

    public static final String IT_ADMIN = "it_admin";
    public static final String MEDICAL_ADMIN = "medical_admin";
    public static final String ADMIN = "admin";
    public static final String SPECIALIST = "specialist";
    public static final String DOCTOR = "doctor";
    /** A patient signed in with a one-time login link. */
    public static final String PATIENT = "patient";
    /** A patient acting through the secure link of one consultation, without an access token. */
    public static final String PATIENT_LINK = "patient_link";
    /** Carried by the limited token after a temporary-password login: it may only change the password. */
    public static final String PASSWORD_CHANGE = "password_change";
    /** Carried by an it_admin's limited token while TOTP enrolment is required: it may only enrol. */
    public static final String MFA_ENROLLMENT = "mfa_enrollment";
    /** Background work of a service (sweepers, listeners): an audit actor, never a token. */
    public static final String SYSTEM = "system";
    /** A caller without a token on a public path: an audit actor, never a token. */
    public static final String ANONYMOUS = "anonymous";

    /** Every admin: all read everything of their field. */
    public static final Set<String> ADMINS = Set.of(ADMIN, MEDICAL_ADMIN, IT_ADMIN);
    /** The admins who may change medical and booking data; {@code it_admin} only reads it. */
    public static final Set<String> ADMIN_WRITERS = Set.of(ADMIN, MEDICAL_ADMIN);
    /** Doctors who see patients: their own consultations, agenda and payments. */
    public static final Set<String> DOCTORS = Set.of(SPECIALIST, DOCTOR);
    /** Staff accounts (auth-service's users). */
    public static final Set<String> STAFF = Set.of(IT_ADMIN, MEDICAL_ADMIN, ADMIN, SPECIALIST, DOCTOR);
    /** Patients, signed in or through a consultation's link. */
    public static final Set<String> PATIENTS = Set.of(PATIENT, PATIENT_LINK);
    /** One-step tokens, refused everywhere except on the paths that complete that step. */
    public static final Set<String> LIMITED = Set.of(PASSWORD_CHANGE, MFA_ENROLLMENT);

    private Roles() {
    }
}
