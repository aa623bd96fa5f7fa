package com.telemed.video.consultations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventType;
import com.telemed.events.InvalidEventException;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.FieldCipher;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * The {@code consultations} table, kept from booking's consultation events (ids, times, the doctor's name and the
 * digest of the patient's manage-link token: no patient identity). The handlers run in the inbox's transaction.
 */
@Component
public class ConsultationProjection {

    private static final String CONFIRMED = EventType.of(ConsultationConfirmed.class).typeName();

    private final DatabaseClient db;
    private final EventSeal seal;

    public ConsultationProjection(DatabaseClient db, EventSeal seal) {
        this.db = db;
        this.seal = seal;
    }

    /**
     * A confirmed consultation enters with the digest of its manage-link token, so the patient's emailed link also
     * opens the video room. The token is opened from the event here and never stored.
     */
    public Mono<Void> confirmed(ConsultationConfirmed e) {
        String token = manageToken(e);
        Instant endsAt = e.scheduledAt().plus(Duration.ofMinutes(e.durationMinutes()));
        return db.sql("""
                        insert into consultations (consultation_id, doctor_id, patient_id, doctor_name, locale,
                                                   scheduled_at, ends_at, status, manage_token_hash,
                                                   manage_token_expires_at)
                        values (:id, :doctor, :patient, :name, :locale, :at, :ends, 'confirmed', :hash, :expires)
                        on conflict (consultation_id) do update
                           set doctor_name = excluded.doctor_name, manage_token_hash = excluded.manage_token_hash,
                               manage_token_expires_at = excluded.manage_token_expires_at, updated_at = now()""")
                .bind("id", e.consultationId()).bind("doctor", e.doctorId()).bind("patient", e.patientId())
                .bind("name", Parameter.fromOrEmpty(e.doctorName(), String.class))
                .bind("locale", e.locale() == null ? "es" : e.locale())
                .bind("at", utc(e.scheduledAt())).bind("ends", utc(endsAt))
                .bind("hash", OneTimeTokens.hash(token))
                // The same life as booking gives the link: until a day after the consultation.
                .bind("expires", utc(e.scheduledAt().plus(Duration.ofDays(1))))
                .fetch().rowsUpdated().then();
    }

    /** The patient's link token, opened from its seal; a bad seal dead-letters (the field's name, never its value). */
    private String manageToken(ConsultationConfirmed e) {
        try {
            return seal.open(CONFIRMED, ConsultationConfirmed.SEALED_MANAGE_TOKEN, e.sealedManageToken());
        } catch (FieldCipher.CipherFailure | NullPointerException ex) {
            throw new InvalidEventException("sealed_manage_token of " + CONFIRMED + " cannot be opened");
        }
    }

    /** A cancelled consultation keeps its row (for the record) but its link no longer opens anything. */
    public Mono<Void> cancelled(ConsultationCancelled e) {
        return db.sql("""
                        update consultations set status = 'cancelled', manage_token_hash = null, updated_at = now()
                         where consultation_id = :id""")
                .bind("id", e.consultationId()).fetch().rowsUpdated().then();
    }

    public Mono<Void> completed(ConsultationCompleted e) {
        return db.sql("update consultations set status = 'completed', updated_at = now() where consultation_id = :id")
                .bind("id", e.consultationId()).fetch().rowsUpdated().then();
    }

    /** A moved consultation gets a new window; attendance decided for the old time no longer holds. */
    public Mono<Void> rescheduled(ConsultationRescheduled e) {
        return db.sql("""
                        update consultations set scheduled_at = :at, ends_at = :ends, patient_late_at = null,
                               manage_token_expires_at = :expires, updated_at = now()
                         where consultation_id = :id and status = 'confirmed'""")
                .bind("at", utc(e.scheduledAt()))
                .bind("ends", utc(e.scheduledAt().plus(Duration.ofMinutes(e.durationMinutes()))))
                .bind("expires", utc(e.scheduledAt().plus(Duration.ofDays(1))))
                .bind("id", e.consultationId()).fetch().rowsUpdated().then();
    }

    public Mono<VideoConsultation> find(long consultationId) {
        return db.sql("select " + VideoConsultation.COLUMNS + " from consultations where consultation_id = :id")
                .bind("id", consultationId).map(VideoConsultation::of).one();
    }

    /** The row, locked until the end of the caller's transaction: one room decision at a time. */
    public Mono<VideoConsultation> lock(long consultationId) {
        return db.sql("select " + VideoConsultation.COLUMNS
                        + " from consultations where consultation_id = :id for update")
                .bind("id", consultationId).map(VideoConsultation::of).one();
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
