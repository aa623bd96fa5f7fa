package com.telemed.booking.consultations;

import java.time.Instant;

/**
 * A consultation as answered to staff and patients. {@code notes} and {@code cancelNote} (the words given when it
 * was cancelled) are for staff only (null for patients); {@code cancelReason} is the code (doctor_request, ...);
 * {@code doctorLicenseNumber} is printed on clinical documents beside the doctor's name.
 */
public record ConsultationView(long id, long patientId, String patientName, long doctorId, String doctorName,
        String specialty, String consultationType, String reasonForVisit, String notes, Instant scheduledAt,
        int durationMinutes, String status, long amount, String currency, Instant holdExpiresAt, String paymentStatus,
        String timezone, String cancelReason, Instant createdAt, String cancelNote, String doctorLicenseNumber) {
}
