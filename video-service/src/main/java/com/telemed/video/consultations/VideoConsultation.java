package com.telemed.video.consultations;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;

/** A consultation as booking's events described it: who, when, and whether it is still on. */
public record VideoConsultation(long consultationId, long doctorId, long patientId, String doctorName,
        String locale, Instant scheduledAt, Instant endsAt, String status, String manageTokenHash,
        Instant manageTokenExpiresAt) {

    static final String COLUMNS = """
            consultation_id, doctor_id, patient_id, doctor_name, locale, scheduled_at, ends_at, status,
            manage_token_hash, manage_token_expires_at""";

    public boolean confirmed() {
        return "confirmed".equals(status);
    }

    public boolean noShow() {
        return "no_show".equals(status);
    }

    public boolean cancelled() {
        return "cancelled".equals(status);
    }

    static VideoConsultation of(Readable row) {
        return new VideoConsultation(row.get("consultation_id", Long.class), row.get("doctor_id", Long.class),
                row.get("patient_id", Long.class), row.get("doctor_name", String.class),
                row.get("locale", String.class), instant(row, "scheduled_at"), instant(row, "ends_at"),
                row.get("status", String.class), row.get("manage_token_hash", String.class),
                instant(row, "manage_token_expires_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
