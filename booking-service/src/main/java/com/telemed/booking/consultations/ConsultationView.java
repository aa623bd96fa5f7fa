package com.telemed.booking.consultations;

import java.time.Instant;

/**
 * A consultation as answered to staff and patients. {@code notes} is for staff only (null for patients);
 * {@code doctorLicenseNumber} is printed on clinical documents beside the doctor's name.
 */
public record ConsultationView(long id, long patientId, String patientName, long doctorId, String doctorName,
        String specialty, String consultationType, String reasonForVisit, String notes, Instant scheduledAt,
        int durationMinutes, String status, long amount, String currency, Instant holdExpiresAt, String paymentStatus,
        String timezone, String cancelReason, Instant createdAt, String doctorLicenseNumber) {
}
