package com.telemed.booking.access;

import java.util.Set;

import com.telemed.servicekit.web.ApiException;

/** Who is calling, from the access token: {@code id} is the token subject (user id, or patient id for patients). */
public record Caller(String id, String role) {

    public static final Set<String> ADMIN_ROLES = Set.of("admin", "medical_admin", "it_admin");
    public static final Set<String> ADMIN_WRITERS = Set.of("admin", "medical_admin");
    public static final Set<String> DOCTOR_ROLES = Set.of("specialist", "doctor");

    /** The patient who follows their own secure link. */
    public static Caller patientLink(long patientId) {
        return new Caller(String.valueOf(patientId), "patient_link");
    }

    public static final Caller SYSTEM = new Caller("system", "system");

    public boolean isAdmin() {
        return ADMIN_ROLES.contains(role);
    }

    /** it_admin reads everything but changes nothing here. */
    public boolean canAdminWrite() {
        return ADMIN_WRITERS.contains(role);
    }

    public boolean isDoctor() {
        return DOCTOR_ROLES.contains(role);
    }

    public boolean isPatient() {
        return "patient".equals(role) || "patient_link".equals(role);
    }

    public long numericId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.forbidden();
        }
    }

    /** What {@code consultation.cancelled} calls this caller. */
    public String cancelledBy() {
        if (isAdmin()) {
            return "admin";
        }
        if (isDoctor()) {
            return "doctor";
        }
        return isPatient() ? "patient" : "system";
    }

    public void require(boolean allowed) {
        if (!allowed) {
            throw ApiException.forbidden();
        }
    }
}
