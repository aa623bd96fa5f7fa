package com.telemed.events;

import java.time.Instant;

/** Staff member created by registration; carries the sealed one-time temporary password. Type {@code medical-professional.registered}, published on {@link Topics#USERS}. */
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
