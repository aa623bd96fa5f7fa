package com.telemed.notification.visitsummary;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.FieldCipher;

import reactor.core.publisher.Mono;

/**
 * The join behind the visit-summary email (ADR 12): a consultation's visit-summary login link and a record signed
 * for it, arriving in either order, on different topics, possibly at the same moment. Each fact is written with an
 * upsert that locks the consultation's row until the inbox transaction commits, so the two facts are applied one
 * after the other and exactly one of them finds both present and claims the email.
 */
@Component
public class VisitSummaries {

    private final DatabaseClient db;
    private final FieldCipher cipher;

    public VisitSummaries(DatabaseClient db, FieldCipher piiCipher) {
        this.db = db;
        this.cipher = piiCipher;
    }

    /** Everything the email needs, handed out once per consultation. */
    public record Ready(long consultationId, String recipient, String locale, String loginToken,
            Instant linkExpiresAt) {

        public boolean linkAlive(Instant now) {
            return linkExpiresAt.isAfter(now);
        }
    }

    /** The visit-summary link arrived; emits the email's content when a signed record was already known. */
    public Mono<Ready> linkIssued(long consultationId, long patientId, String recipient, String locale,
            String loginToken, Instant expiresAt) {
        return db.sql("""
                        insert into visit_summaries (consultation_id, patient_id, recipient, locale, login_token,
                                                     link_expires_at)
                        values (:id, :patient, :recipient, :locale, :token, :expires)
                        on conflict (consultation_id) do update
                           set patient_id = excluded.patient_id, recipient = excluded.recipient,
                               locale = excluded.locale, login_token = excluded.login_token,
                               link_expires_at = excluded.link_expires_at, updated_at = now()
                         where visit_summaries.queued_at is null""")
                .bind("id", consultationId)
                .bind("patient", patientId)
                .bind("recipient", cipher.encrypt(recipient.trim(), "visit_summaries.recipient"))
                .bind("locale", locale)
                .bind("token", cipher.encrypt(loginToken, "visit_summaries.login_token"))
                .bind("expires", expiresAt)
                .fetch().rowsUpdated()
                .then(claim(consultationId));
    }

    /** A record was signed for the consultation; emits the email's content when its link was already known. */
    public Mono<Ready> recordSigned(long consultationId, Instant signedAt) {
        return db.sql("""
                        insert into visit_summaries (consultation_id, record_signed_at) values (:id, :at)
                        on conflict (consultation_id) do update
                           set record_signed_at = coalesce(visit_summaries.record_signed_at, excluded.record_signed_at),
                               updated_at = now()""")
                .bind("id", consultationId)
                .bind("at", signedAt)
                .fetch().rowsUpdated()
                .then(claim(consultationId));
    }

    /** Marks the email queued and forgets the token, in one statement: only the first caller gets the content. */
    private Mono<Ready> claim(long consultationId) {
        return db.sql("""
                        update visit_summaries v set queued_at = now(), login_token = null, updated_at = now()
                          from (select consultation_id, login_token from visit_summaries
                                 where consultation_id = :id for update) before
                         where v.consultation_id = before.consultation_id
                           and v.queued_at is null and v.login_token is not null and v.record_signed_at is not null
                        returning v.consultation_id, v.recipient, v.locale, before.login_token, v.link_expires_at""")
                .bind("id", consultationId)
                .map(row -> new Ready(row.get("consultation_id", Long.class),
                        cipher.decrypt(row.get("recipient", String.class), "visit_summaries.recipient"),
                        row.get("locale", String.class),
                        cipher.decrypt(row.get("login_token", String.class), "visit_summaries.login_token"),
                        row.get("link_expires_at", Instant.class)))
                .one();
    }
}
