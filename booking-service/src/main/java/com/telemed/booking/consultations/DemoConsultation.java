package com.telemed.booking.consultations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationCompleted;
import com.telemed.outbox.OutboxWriter;

import reactor.core.publisher.Mono;

/**
 * Local mode only: the demo doctor1 (licence {@value #DEMO_LICENSE}, created by auth-service's bootstrap) gets one
 * past consultation with a demo patient, confirmed and completed through the normal events, so that the doctor's
 * patient pages (clinical history) are not empty on the first run. Waits for doctor1 to reach the directory;
 * idempotent across restarts.
 */
@Component
class DemoConsultation {

    static final String DEMO_LICENSE = "DEMO-0001";
    static final Patients.Contact DEMO_PATIENT = new Patients.Contact("Ana García López",
            "ana.garcia@demo.telemed.local", "+34 600 000 001", "es", "Europe/Madrid");

    private static final Logger log = LoggerFactory.getLogger(DemoConsultation.class);

    private final ConsultationStore store;
    private final Patients patients;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final boolean localMode;

    DemoConsultation(ConsultationStore store, Patients patients, OutboxWriter outbox, TransactionalOperator tx,
            Environment env) {
        this.store = store;
        this.patients = patients;
        this.outbox = outbox;
        this.tx = tx;
        this.localMode = env.getProperty("telemed.local-mode", Boolean.class, false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!localMode) {
            return;
        }
        Mono.defer(() -> tx.transactional(once()))
                .repeatWhenEmpty(60, attempts -> attempts.delayElements(Duration.ofSeconds(5)))
                .subscribe(created -> log.info(created ? "Demo consultation of doctor1 created"
                                : "Demo consultation of doctor1 is in place"),
                        e -> log.warn("Could not create the demo consultation of doctor1", e));
    }

    /** True when created now, false when already there, empty while doctor1 is not in the directory yet. */
    private Mono<Boolean> once() {
        return store.db().sql("select id from doctors where license_number = :license")
                .bind("license", DEMO_LICENSE)
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(doctor -> patients.findOrCreate(DEMO_PATIENT).flatMap(patient -> store.db()
                        .sql("select count(*) as n from consultations where doctor_id = :d and patient_id = :p")
                        .bind("d", doctor).bind("p", patient)
                        .map(row -> row.get("n", Long.class)).one()
                        .flatMap(n -> n > 0 ? Mono.just(false) : create(doctor, patient).thenReturn(true))));
    }

    /** A week ago, 30 minutes: booked, confirmed (consultation.confirmed) and completed (consultation.completed). */
    private Mono<Void> create(long doctorId, long patientId) {
        Instant at = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        Instant end = at.plus(Duration.ofMinutes(30));
        return store.db().sql("""
                        insert into consultations (patient_id, doctor_id, specialty, reason_for_visit, scheduled_at,
                                                   duration_minutes, occupied_until, status, amount, currency, locale,
                                                   timezone, booked_by)
                        values (:patient, :doctor, 'Medicina general', :reason, :at, 30, :end, 'pending_payment',
                                4500, 'eur', 'es', 'Europe/Madrid', 'system')
                        returning\s""" + Consultation.COLUMNS)
                .bind("patient", patientId).bind("doctor", doctorId)
                .bind("reason", patients.seal("Tos y fiebre desde hace tres días", "consultations.reason_for_visit"))
                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("end", end.atOffset(ZoneOffset.UTC))
                .map(Consultation::of).one()
                .flatMap(c -> store.confirm(c)
                        .then(store.db().sql("""
                                        update consultations set status = 'completed', started_at = :at, ended_at = :end,
                                               updated_at = now() where id = :id""")
                                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("end", end.atOffset(ZoneOffset.UTC))
                                .bind("id", c.id()).fetch().rowsUpdated())
                        .then(outbox.write(new ConsultationCompleted(c.id(), patientId, doctorId, at, end), c.id())))
                .then();
    }
}
