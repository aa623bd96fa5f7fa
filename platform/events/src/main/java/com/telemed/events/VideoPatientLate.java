package com.telemed.events;

import java.time.Instant;

/**
 * The patient had not joined the video room some minutes after the consultation's start ({@code lateSince}); the
 * patient is reminded with the join link. Type {@code video.patient-late}, published on {@link Topics#VIDEO}.
 */
public record VideoPatientLate(
        long consultationId,
        long doctorId,
        long patientId,
        Instant scheduledAt,
        Instant lateSince) implements EventData {
}
