package com.telemed.auth.account;

import java.time.Instant;

/** A staff member's account as stored; hashes never leave the service. */
public record StaffAccount(
        long id,
        String email,
        String fullName,
        String licenseNumber,
        String specialty,
        String role,
        boolean active,
        String passwordHash,
        boolean mustChangePassword,
        String tempPasswordHash,
        Instant tempPasswordExpiresAt,
        int failedLogins,
        Instant lockedUntil,
        String mfaSecret,
        boolean mfaEnabled,
        Long mfaLastStep,
        Instant createdAt,
        Instant updatedAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
