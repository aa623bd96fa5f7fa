package com.telemed.auth.support;

import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import com.telemed.servicekit.web.ApiException;

/** Who is calling, from the checked access token. */
public record Caller(long id, String role) {

    public static Caller of(Jwt jwt) {
        String role = jwt.getClaimAsString("role");
        try {
            return new Caller(Long.parseLong(jwt.getSubject()), role == null ? "" : role);
        } catch (NumberFormatException e) {
            throw ApiException.forbidden();
        }
    }

    /** The caller, if their role is one of {@code allowed}; 403 otherwise. */
    public static Caller requireRole(Jwt jwt, Set<String> allowed) {
        Caller caller = of(jwt);
        if (!allowed.contains(caller.role())) {
            throw ApiException.forbidden();
        }
        return caller;
    }

    public String actor() {
        return String.valueOf(id);
    }
}
