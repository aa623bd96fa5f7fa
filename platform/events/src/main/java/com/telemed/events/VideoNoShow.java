package com.telemed.events;

import java.time.Instant;

/**
 * The consultation's time ran out without the doctor and the patient both in its video room. {@code absent} says
 * who never joined: {@link #DOCTOR} (also when neither came: the doctor opens the room) or {@link #PATIENT}. Type
 * {@code video.no-show}, published on {@link Topics#VIDEO}.
 */
public record VideoNoShow(
        long consultationId,
        long doctorId,
        long patientId,
        Instant scheduledAt,
        String absent,
        Instant decidedAt) implements EventData {

    public static final String DOCTOR = "doctor";
    public static final String PATIENT = "patient";
}
