package com.telemed.notification.recipient;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.FieldCipher;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * This service's own projections of doctors and consultation contacts, so that events that carry no recipient
 * (cancelled, rescheduled, payment.*) can still be addressed. Names, addresses and tokens are encrypted at rest.
 */
@Component
public class Directory {

    private final DatabaseClient db;
    private final FieldCipher cipher;

    public Directory(DatabaseClient db, FieldCipher piiCipher) {
        this.db = db;
        this.cipher = piiCipher;
    }

    /** Records a doctor's address and name; a null locale keeps the one known before. */
    public Mono<Void> saveDoctor(long doctorId, String email, String fullName, String locale) {
        return db.sql("""
                        insert into doctors (doctor_id, email, full_name, locale) values (:id, :email, :name, :locale)
                        on conflict (doctor_id) do update
                           set email = excluded.email, full_name = excluded.full_name,
                               locale = coalesce(excluded.locale, doctors.locale), updated_at = now()""")
                .bind("id", doctorId)
                .bind("email", cipher.encrypt(email.trim(), "doctors.email"))
                .bind("name", cipher.encrypt(fullName, "doctors.full_name"))
                .bind("locale", orNull(locale))
                .fetch().rowsUpdated().then();
    }

    public Mono<DoctorContact> doctor(long doctorId) {
        return db.sql("select doctor_id, email, full_name, locale from doctors where doctor_id = :id")
                .bind("id", doctorId)
                .map(row -> new DoctorContact(row.get("doctor_id", Long.class),
                        cipher.decrypt(row.get("email", String.class), "doctors.email"),
                        cipher.decrypt(row.get("full_name", String.class), "doctors.full_name"),
                        emptyToNull(row.get("locale", String.class))))
                .one();
    }

    /** Records or refreshes a consultation's contact; fields unknown to the event (null) keep their value. */
    public Mono<Void> saveContact(ConsultationContact c) {
        return db.sql("""
                        insert into consultation_contacts (consultation_id, patient_id, doctor_id, patient_email,
                               patient_name, doctor_name, specialty, locale, timezone, scheduled_at, duration_minutes,
                               amount, currency, manage_token)
                        values (:id, :patientId, :doctorId, :email, :name, :doctorName, :specialty, :locale, :timezone,
                                :scheduledAt, :duration, :amount, :currency, :token)
                        on conflict (consultation_id) do update
                           set patient_email = excluded.patient_email, patient_name = excluded.patient_name,
                               doctor_id = excluded.doctor_id,
                               doctor_name = coalesce(excluded.doctor_name, consultation_contacts.doctor_name),
                               specialty = coalesce(excluded.specialty, consultation_contacts.specialty),
                               locale = excluded.locale, timezone = excluded.timezone,
                               scheduled_at = excluded.scheduled_at, duration_minutes = excluded.duration_minutes,
                               amount = excluded.amount, currency = excluded.currency,
                               manage_token = coalesce(excluded.manage_token, consultation_contacts.manage_token),
                               updated_at = now()""")
                .bind("id", c.consultationId())
                .bind("patientId", c.patientId())
                .bind("doctorId", c.doctorId())
                .bind("email", cipher.encrypt(c.patientEmail().trim(), "consultation_contacts.patient_email"))
                .bind("name", cipher.encrypt(c.patientName(), "consultation_contacts.patient_name"))
                .bind("doctorName", orNull(cipher.encrypt(c.doctorName(), "consultation_contacts.doctor_name")))
                .bind("specialty", orNull(c.specialty()))
                .bind("locale", orNull(c.locale()))
                .bind("timezone", c.timezone())
                .bind("scheduledAt", c.scheduledAt())
                .bind("duration", c.durationMinutes())
                .bind("amount", Parameter.fromOrEmpty(c.amount(), Long.class))
                .bind("currency", orNull(c.currency()))
                .bind("token", orNull(cipher.encrypt(c.manageToken(), "consultation_contacts.manage_token")))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> reschedule(long consultationId, Instant scheduledAt, int durationMinutes) {
        return db.sql("""
                        update consultation_contacts set scheduled_at = :at, duration_minutes = :duration,
                               updated_at = now()
                         where consultation_id = :id""")
                .bind("id", consultationId)
                .bind("at", scheduledAt)
                .bind("duration", durationMinutes)
                .fetch().rowsUpdated().then();
    }

    public Mono<ConsultationContact> contact(long consultationId) {
        return db.sql("select * from consultation_contacts where consultation_id = :id")
                .bind("id", consultationId)
                .map(this::readContact)
                .one();
    }

    private ConsultationContact readContact(Readable row) {
        return new ConsultationContact(row.get("consultation_id", Long.class), row.get("patient_id", Long.class),
                row.get("doctor_id", Long.class),
                cipher.decrypt(row.get("patient_email", String.class), "consultation_contacts.patient_email"),
                cipher.decrypt(row.get("patient_name", String.class), "consultation_contacts.patient_name"),
                cipher.decrypt(row.get("doctor_name", String.class), "consultation_contacts.doctor_name"),
                row.get("specialty", String.class), row.get("locale", String.class),
                row.get("timezone", String.class), row.get("scheduled_at", Instant.class),
                row.get("duration_minutes", Integer.class), row.get("amount", Long.class),
                row.get("currency", String.class),
                cipher.decrypt(row.get("manage_token", String.class), "consultation_contacts.manage_token"));
    }

    private static Parameter orNull(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
