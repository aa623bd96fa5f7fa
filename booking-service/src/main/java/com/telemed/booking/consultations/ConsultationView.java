package com.telemed.booking.consultations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A consultation as answered to staff and patients. {@code notes} and {@code cancelNote} (the words given when it
 * was cancelled) are for staff only (null for patients); {@code cancelReason} is the code (doctor_request, ...);
 * {@code doctorLicenseNumber} is printed on clinical documents beside the doctor's name.
 */
public record ConsultationView(long id, long patientId, @Nullable String patientName, long doctorId,
        String doctorName, @Nullable String specialty, String consultationType, @Nullable String reasonForVisit,
        @Nullable String notes, Instant scheduledAt, int durationMinutes, String status, long amount, String currency,
        @Nullable Instant holdExpiresAt, String paymentStatus, @Nullable String timezone,
        @Nullable String cancelReason, Instant createdAt, @Nullable String cancelNote,
        @Nullable String doctorLicenseNumber) {
}
