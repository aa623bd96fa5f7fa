package com.telemed.auth.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What the API shows of a staff account (never a hash or a secret). */
public record AccountView(long id, String email, String fullName, String role, @Nullable String specialty,
        @Nullable String licenseNumber, boolean active, boolean mustChangePassword, boolean mfaEnabled,
        Instant createdAt, Instant updatedAt) {

    public static AccountView of(StaffAccount a) {
        return new AccountView(a.id(), a.email(), a.fullName(), a.role(), a.specialty(), a.licenseNumber(),
                a.active(), a.mustChangePassword(), a.mfaEnabled(), a.createdAt(), a.updatedAt());
    }
}
