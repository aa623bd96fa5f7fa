package com.telemed.auth.support;

import com.telemed.servicekit.security.Roles;

/** Where each role lands in the web after signing in. */
public final class Homes {

    private Homes() {
    }

    public static String of(String role) {
        return switch (role) {
            case Roles.IT_ADMIN -> "/it/medical-professionals";
            case Roles.MEDICAL_ADMIN, Roles.ADMIN -> "/admin";
            case Roles.SPECIALIST, Roles.DOCTOR -> "/doctor";
            case Roles.PATIENT -> "/mis-consultas";
            default -> "/login";
        };
    }
}
