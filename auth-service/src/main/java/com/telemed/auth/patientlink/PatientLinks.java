package com.telemed.auth.patientlink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.auth.account.TokenAnswer;
import com.telemed.auth.support.Homes;
import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.auth.token.AccessTokens;
import com.telemed.events.ConsultationCompleted;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventType;
import com.telemed.events.PatientLoginLinkIssued;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.crypto.OneTimeTokens;

import reactor.core.publisher.Mono;

/**
 * Patients have no password: each confirmed consultation gets one single-use login link (stored as its digest) that
 * expires when the consultation ends, and each completed one a second link for the visit-summary email. The token
 * travels sealed in {@code patient.login-link.issued}; exchanging it answers a patient access token ({@code sub} =
 * patient id) that never outlives the link.
 */
@Service
public class PatientLinks {

    static final String EVENT = EventType.of(PatientLoginLinkIssued.class).typeName();

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final EventSeal seal;
    private final AccessTokens tokens;
    private final SecurityAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration visitSummaryTtl;

    public PatientLinks(DatabaseClient db, OutboxWriter outbox, EventSeal seal, AccessTokens tokens,
            SecurityAudit audit, TransactionalOperator tx, Clock clock,
            @Value("${telemed.auth.visit-summary-link-ttl:7d}") Duration visitSummaryTtl) {
        this.visitSummaryTtl = visitSummaryTtl;
        this.db = db;
        this.outbox = outbox;
        this.seal = seal;
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A confirmed consultation; the patient's email as sealed in {@code consultation.confirmed}. */
    public record Consultation(long consultationId, long patientId, String sealedPatientEmail, String locale,
            Instant scheduledAt, int durationMinutes) {
    }

    private static final String CONFIRMED = EventType.of(ConsultationConfirmed.class).typeName();
    private static final String COMPLETED = EventType.of(ConsultationCompleted.class).typeName();

    /**
     * Issues the consultation's link unless it has one (booked and then confirmed give one link). Runs in the
     * inbox transaction of the event that asked for it.
     */
    public Mono<Void> issueFor(Consultation consultation) {
        Instant expires = consultation.scheduledAt().plus(Duration.ofMinutes(Math.max(consultation.durationMinutes(), 1)));
        if (!expires.isAfter(clock.instant()) || consultation.sealedPatientEmail() == null) {
            return Mono.empty();
        }
        // The address only passes through: opened from the confirmation, sealed again for the link's event.
        String email = seal.open(CONFIRMED, ConsultationConfirmed.SEALED_PATIENT_EMAIL,
                consultation.sealedPatientEmail());
        return issue(consultation.consultationId(), consultation.patientId(), email, consultation.locale(), expires,
                PatientLoginLinkIssued.CONSULTATION);
    }

    /**
     * A completed consultation gets a second link, for the visit-summary email: valid {@code visitSummaryTtl} from
     * the consultation's end (the booking-time link ended with the consultation). notification-service keeps it
     * until a record is signed for the consultation. An event without the sealed address (older producers), or
     * one whose link would already have expired (a replay), issues nothing.
     */
    public Mono<Void> issueForCompleted(ConsultationCompleted completed) {
        Instant expires = completed.endedAt().plus(visitSummaryTtl);
        if (completed.sealedPatientEmail() == null || completed.sealedPatientEmail().isBlank()
                || !expires.isAfter(clock.instant())) {
            return Mono.empty();
        }
        String email = seal.open(COMPLETED, ConsultationCompleted.SEALED_PATIENT_EMAIL,
                completed.sealedPatientEmail());
        return issue(completed.consultationId(), completed.patientId(), email, completed.locale(), expires,
                PatientLoginLinkIssued.VISIT_SUMMARY);
    }

    /** One link per consultation and purpose: a redelivered event finds the row and publishes nothing. */
    private Mono<Void> issue(long consultationId, long patientId, String email, String locale, Instant expires,
            String purpose) {
        String token = OneTimeTokens.issue();
        return db.sql("""
                        insert into patient_login_links (consultation_id, patient_id, token_hash, expires_at, purpose)
                        values (:consultation, :patient, :hash, :expires, :purpose)
                        on conflict (consultation_id, purpose) do nothing""")
                .bind("consultation", consultationId)
                .bind("patient", patientId)
                .bind("hash", OneTimeTokens.hash(token))
                .bind("expires", expires.atOffset(ZoneOffset.UTC))
                .bind("purpose", purpose)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.empty()
                        : outbox.write(new PatientLoginLinkIssued(patientId, consultationId,
                                seal.seal(EVENT, PatientLoginLinkIssued.SEALED_EMAIL, email),
                                locale == null || locale.isBlank() ? "es" : locale,
                                seal.seal(EVENT, PatientLoginLinkIssued.SEALED_TOKEN, token), expires,
                                PatientLoginLinkIssued.VISIT_SUMMARY.equals(purpose) ? purpose : null),
                                patientId))
                .then();
    }

    /** Spends a link: 401 when it is unknown, used or expired. */
    public Mono<TokenAnswer> exchange(String token, String ip) {
        Mono<Object> work = db.sql("""
                        update patient_login_links set used_at = now()
                         where token_hash = :hash and used_at is null and expires_at > now()
                        returning patient_id, expires_at""")
                .bind("hash", token == null ? "" : OneTimeTokens.hash(token))
                .map(row -> new Spent(row.get("patient_id", Long.class), row.get("expires_at", OffsetDateTime.class)))
                .one()
                .flatMap(spent -> audit.record("patient:" + spent.patientId(), Roles.PATIENT,
                                "patient:" + spent.patientId(), "patient-login", "success", ip)
                        .thenReturn((Object) spent))
                .switchIfEmpty(Mono.defer(() -> audit.record(null, null, "patient:unknown", "patient-login",
                        "denied", ip).thenReturn(new Object())));
        return tx.transactional(work).flatMap(outcome -> {
            if (!(outcome instanceof Spent spent)) {
                return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-login-link",
                        "This link is not valid any more; ask for a new one"));
            }
            return tokens.patient(spent.patientId(), spent.expiresAt().toInstant())
                    .map(access -> TokenAnswer.tokens(access.token(), null, access.expiresInSeconds(), Roles.PATIENT,
                            Homes.of(Roles.PATIENT), null, null));
        });
    }

    private record Spent(long patientId, OffsetDateTime expiresAt) {
    }
}
