package com.telemed.booking.consultations;

import java.time.Instant;

/**
 * A booking: by the public (contact details), or by staff or a signed-in patient ({@code patientId}, or contact
 * details for a new patient).
 */
public record BookingRequest(Long doctorId, String specialty, Instant scheduledAt, Long patientId, String fullName,
        String email, String phone, String reasonForVisit, String locale, String timezone) {
}
