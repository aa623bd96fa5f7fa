package com.telemed.payment.consultations;

import java.time.Instant;
import java.util.Locale;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventType;
import com.telemed.events.InvalidEventException;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.FieldCipher;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The {@code consultations} table: booking's consultations as its events describe them. Runs in the caller's
 * transaction (the inbox's). Facts can arrive out of order across topics but not within one consultation (one key).
 */
@Component
public class ConsultationProjection {

    private static final String COLUMNS = """
            consultation_id, patient_id, doctor_id, amount, currency, scheduled_at, hold_expires_at, status,
            doctor_name, cancelled_by, cancelled_at""";

    private static final String BOOKED = EventType.of(ConsultationBooked.class).typeName();

    private final DatabaseClient db;
    private final FieldCipher cipher;
    private final EventSeal seal;

    public ConsultationProjection(DatabaseClient db, FieldCipher piiCipher, EventSeal seal) {
        this.db = db;
        this.cipher = piiCipher;
        this.seal = seal;
    }

    /** The patient's email (the checkout's customer email), opened from its seal; a bad seal dead-letters. */
    private String email(ConsultationBooked booked) {
        try {
            return seal.open(BOOKED, ConsultationBooked.SEALED_PATIENT_EMAIL, booked.sealedPatientEmail());
        } catch (FieldCipher.CipherFailure | NullPointerException e) {
            throw new InvalidEventException("sealed_patient_email of " + BOOKED + " cannot be opened");
        }
    }

    public Mono<Void> booked(ConsultationBooked booked) {
        return db.sql("""
                        insert into consultations (consultation_id, patient_id, doctor_id, amount, currency,
                                                   scheduled_at, duration_minutes, hold_expires_at, patient_email,
                                                   locale, doctor_name)
                        values (:id, :patientId, :doctorId, :amount, :currency, :scheduledAt, :duration, :holdExpiresAt,
                                :email, :locale, :doctorName)
                        on conflict (consultation_id) do nothing""")
                .bind("id", booked.consultationId())
                .bind("patientId", booked.patientId())
                .bind("doctorId", booked.doctorId())
                .bind("amount", booked.amount())
                .bind("currency", booked.currency().toLowerCase(Locale.ROOT))
                .bind("scheduledAt", booked.scheduledAt())
                .bind("duration", booked.durationMinutes())
                .bind("holdExpiresAt", booked.holdExpiresAt())
                .bind("email", cipher.encrypt(email(booked), "consultations.patient_email"))
                .bind("locale", booked.locale() == null ? "es" : booked.locale())
                .bind("doctorName", Parameter.fromOrEmpty(booked.doctorName(), String.class))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> confirmed(ConsultationConfirmed confirmed) {
        return db.sql("""
                        update consultations set status = 'confirmed', doctor_name = :doctorName, updated_at = now()
                         where consultation_id = :id and status <> 'cancelled'""")
                .bind("id", confirmed.consultationId())
                .bind("doctorName", confirmed.doctorName() == null ? "" : confirmed.doctorName())
                .fetch().rowsUpdated().then();
    }

    /** Marks the consultation cancelled; emits it (locked for this transaction), or empty when never seen. */
    public Mono<Consultation> cancelled(ConsultationCancelled cancelled) {
        return db.sql("""
                        update consultations set status = 'cancelled', cancelled_by = :by, cancelled_at = :at,
                               updated_at = now()
                         where consultation_id = :id
                        returning""" + " " + COLUMNS)
                .bind("id", cancelled.consultationId())
                .bind("by", cancelled.cancelledBy() == null ? "system" : cancelled.cancelledBy())
                .bind("at", cancelled.cancelledAt() == null ? Instant.now() : cancelled.cancelledAt())
                .map(ConsultationProjection::read)
                .one();
    }

    public Mono<Void> rescheduled(ConsultationRescheduled rescheduled) {
        return db.sql("update consultations set scheduled_at = :at, updated_at = now() where consultation_id = :id")
                .bind("id", rescheduled.consultationId())
                .bind("at", rescheduled.scheduledAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Consultation> find(long id) {
        return db.sql("select " + COLUMNS + " from consultations where consultation_id = :id")
                .bind("id", id).map(ConsultationProjection::read).one();
    }

    /** Reads and locks the row for the transaction, so a payment and a cancellation never miss each other. */
    public Mono<Consultation> lock(long id) {
        return db.sql("select " + COLUMNS + " from consultations where consultation_id = :id for update")
                .bind("id", id).map(ConsultationProjection::read).one();
    }

    /** The patient's email for Stripe's receipt, or empty when it cannot be read. */
    public Mono<String> patientEmail(long id) {
        return db.sql("select patient_email from consultations where consultation_id = :id")
                .bind("id", id)
                .map(row -> {
                    String sealed = row.get("patient_email", String.class);
                    try {
                        return sealed == null ? "" : cipher.decrypt(sealed, "consultations.patient_email");
                    } catch (FieldCipher.CipherFailure e) {
                        return "";
                    }
                })
                .one()
                .filter(email -> !email.isBlank());
    }

    static Consultation read(Readable row) {
        return new Consultation(row.get("consultation_id", Long.class), row.get("patient_id", Long.class),
                row.get("doctor_id", Long.class), row.get("amount", Long.class), row.get("currency", String.class),
                row.get("scheduled_at", Instant.class), row.get("hold_expires_at", Instant.class),
                row.get("status", String.class), row.get("doctor_name", String.class),
                row.get("cancelled_by", String.class), row.get("cancelled_at", Instant.class));
    }
}
