package com.telemed.events;

/** Staff member's profile, role or active flag changed. Type {@code medical-professional.updated}, published on {@link Topics#USERS}. */
public record MedicalProfessionalUpdated(
        long userId,
        String email,
        String fullName,
        String role,
        String specialty,
        String licenseNumber,
        boolean active) implements EventData {
}
