package com.telemed.notification.recipient;

import java.time.Instant;

/**
 * Who to tell about a consultation and what to say, from consultation.booked/confirmed (and kept current by
 * consultation.rescheduled). {@code manageToken} is known once the consultation is confirmed.
 */
public record ConsultationContact(long consultationId, long patientId, long doctorId, String patientEmail,
        String patientName, String doctorName, String specialty, String locale, String timezone, Instant scheduledAt,
        int durationMinutes, Long amount, String currency, String manageToken) {
}
