package com.telemed.booking.consultations;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationConfirmed;

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
    private final TransactionalOperator tx;
    private final boolean localMode;

    DemoConsultation(ConsultationStore store, Patients patients, TransactionalOperator tx,
            Environment env) {
        this.store = store;
        this.patients = patients;
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
        return store.doctorIdByLicense(DEMO_LICENSE)
                .flatMap(doctor -> patients.findOrCreate(DEMO_PATIENT).flatMap(patient -> store.anyBetween(doctor, patient)
                        .flatMap(exists -> exists ? Mono.just(false) : create(doctor, patient).thenReturn(true))));
    }

    /** A week ago, 30 minutes: booked, confirmed (consultation.confirmed) and completed (consultation.completed). */
    private Mono<Void> create(long doctorId, long patientId) {
        Instant at = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        Instant end = at.plus(Duration.ofMinutes(30));
        ConsultationStore.NewConsultation past = new ConsultationStore.NewConsultation(doctorId, "Medicina general",
                patients.seal("Tos y fiebre desde hace tres días", "consultations.reason_for_visit"), at, 30, end,
                4500, "eur", Instant.now().plus(Duration.ofMinutes(5)), "es", "Europe/Madrid", "system", null);
        return store.insert(patientId, past)
                .flatMap(c -> store.confirm(c, ConsultationConfirmed.ONLINE)
                        .then(store.completedAt(c.id(), at, end))
                        .then(store.announceCompleted(c, at, end)))
                .then();
    }
}
