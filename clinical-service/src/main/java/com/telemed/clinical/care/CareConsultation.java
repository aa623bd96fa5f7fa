package com.telemed.clinical.care;

import java.time.Instant;

/** A confirmed consultation between a doctor and a patient, as booking's events described it. */
public record CareConsultation(long consultationId, long patientId, long doctorId, Instant scheduledAt,
        String status) {
}
