package com.telemed.events;

import java.time.Instant;

/**
 * Staff member created. A registration carries the sealed one-time temporary password and its expiry; an account
 * created with its password already set (first it_admin, demo data) carries neither, and no email follows. Type {@code medical-professional.registered}, published on {@link Topics#USERS}. */
public record MedicalProfessionalRegistered(
        long userId,
        String email,
        String fullName,
        String role,
        String specialty,
        String licenseNumber,
        String locale,
        String sealedTemporaryPassword,
        Instant temporaryPasswordExpiresAt) implements EventData {
}
