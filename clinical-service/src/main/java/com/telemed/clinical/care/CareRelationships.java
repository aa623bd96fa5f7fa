package com.telemed.clinical.care;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code care_relationships} table: which doctor had a confirmed consultation with which patient, kept from
 * booking's consultation events (ids and times only; no patient identity is copied here). The event handlers run
 * in the inbox's transaction. A consultation enters only once confirmed; a later cancellation marks it but keeps
 * the row (see docs/adr/0009).
 */
@Component
public class CareRelationships {

    private final DatabaseClient db;

    public CareRelationships(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A confirmed consultation makes the patient the doctor's, unless booking withheld the patient's identity (a
     * doctor booked typed details of someone outside their care without online payment): that one is skipped.
     */
    public Mono<Void> confirmed(ConsultationConfirmed e) {
        if (!e.establishesCare()) {
            return Mono.empty();
        }
        return db.sql("""
                        insert into care_relationships (consultation_id, patient_id, doctor_id, doctor_name,
                                                        scheduled_at, status, confirmed_at)
                        values (:id, :patient, :doctor, :name, :at, 'confirmed', now())
                        on conflict (consultation_id) do update set doctor_name = excluded.doctor_name,
                               updated_at = now()""")
                .bind("id", e.consultationId()).bind("patient", e.patientId()).bind("doctor", e.doctorId())
                .bind("name", Parameter.fromOrEmpty(e.doctorName(), String.class))
                .bind("at", e.scheduledAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> completed(ConsultationCompleted e) {
        return status(e.consultationId(), "completed");
    }

    public Mono<Void> cancelled(ConsultationCancelled e) {
        return status(e.consultationId(), "cancelled");
    }

    public Mono<Void> rescheduled(ConsultationRescheduled e) {
        return db.sql("update care_relationships set scheduled_at = :at, updated_at = now() where consultation_id = :id")
                .bind("at", e.scheduledAt()).bind("id", e.consultationId())
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> status(long consultationId, String status) {
        return db.sql("update care_relationships set status = :s, updated_at = now() where consultation_id = :id")
                .bind("s", status).bind("id", consultationId)
                .fetch().rowsUpdated().then();
    }

    /** Whether the doctor has, or had, a confirmed consultation with the patient that was not cancelled. */
    public Mono<Boolean> treats(long doctorId, long patientId) {
        return db.sql("""
                        select exists (select 1 from care_relationships
                                        where doctor_id = :doctor and patient_id = :patient
                                          and status in ('confirmed', 'completed')) as ok""")
                .bind("doctor", doctorId).bind("patient", patientId)
                .map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class))).one();
    }

    /**
     * Whether this consultation is the patient's (confirmed once, whatever happened to it since): what lets a patient
     * read the signed records written for it.
     */
    public Mono<Boolean> isPatientsConsultation(long patientId, long consultationId) {
        return db.sql("""
                        select exists (select 1 from care_relationships
                                        where consultation_id = :id and patient_id = :patient) as ok""")
                .bind("id", consultationId).bind("patient", patientId)
                .map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class))).one();
    }

    /** The doctor's consultations with the patient (cancelled ones included, marked), newest first. */
    public Flux<CareConsultation> between(long doctorId, long patientId) {
        return db.sql("""
                        select consultation_id, patient_id, doctor_id, scheduled_at, status from care_relationships
                         where doctor_id = :doctor and patient_id = :patient order by scheduled_at desc""")
                .bind("doctor", doctorId).bind("patient", patientId)
                .map(CareRelationships::read).all();
    }

    /** The name booking gave this doctor in their latest confirmed consultation, or empty. */
    public Mono<String> doctorName(long doctorId) {
        return db.sql("""
                        select doctor_name from care_relationships where doctor_id = :doctor and doctor_name is not null
                         order by updated_at desc limit 1""")
                .bind("doctor", doctorId).map(row -> row.get("doctor_name", String.class)).one();
    }

    private static CareConsultation read(Readable row) {
        OffsetDateTime at = row.get("scheduled_at", OffsetDateTime.class);
        return new CareConsultation(row.get("consultation_id", Long.class), row.get("patient_id", Long.class),
                row.get("doctor_id", Long.class), at == null ? Instant.EPOCH : at.toInstant(),
                row.get("status", String.class));
    }
}
