package com.telemed.booking.consultations;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;

/** A consultation row as the service works with it (free text still encrypted). */
public record Consultation(long id, long patientId, long doctorId, String specialty, String consultationType,
        Instant scheduledAt, int durationMinutes, Instant occupiedUntil, ConsultationStatus status, long amount, String currency,
        Instant holdExpiresAt, String paymentStatus, String locale, String timezone, String reasonCipher,
        String notesCipher, String manageTokenHash, Instant manageTokenExpiresAt, String cancelReason,
        String cancelledBy, Instant createdAt) {

    static final String COLUMNS = """
            id, patient_id, doctor_id, specialty, consultation_type, scheduled_at, duration_minutes, occupied_until,
            status, amount, currency, hold_expires_at, payment_status, locale, timezone, reason_for_visit, notes,
            manage_token_hash, manage_token_expires_at, cancel_reason, cancelled_by, created_at""";

    static Consultation of(Readable row) {
        return new Consultation(row.get("id", Long.class), row.get("patient_id", Long.class),
                row.get("doctor_id", Long.class), row.get("specialty", String.class),
                row.get("consultation_type", String.class), instant(row, "scheduled_at"),
                row.get("duration_minutes", Integer.class), instant(row, "occupied_until"),
                ConsultationStatus.stored(row.get("status", String.class)), row.get("amount", Long.class), row.get("currency", String.class),
                instant(row, "hold_expires_at"), row.get("payment_status", String.class),
                row.get("locale", String.class), row.get("timezone", String.class),
                row.get("reason_for_visit", String.class), row.get("notes", String.class),
                row.get("manage_token_hash", String.class), instant(row, "manage_token_expires_at"),
                row.get("cancel_reason", String.class), row.get("cancelled_by", String.class),
                instant(row, "created_at"));
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A hold that has run out: the slot is no longer this consultation's. */
    public boolean holdExpired(Instant now) {
        return status == ConsultationStatus.PENDING_PAYMENT && holdExpiresAt != null && !holdExpiresAt.isAfter(now);
    }

    public boolean active() {
        return status.active();
    }
}
