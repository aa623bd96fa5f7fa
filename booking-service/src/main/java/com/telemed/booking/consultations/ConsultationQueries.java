package com.telemed.booking.consultations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.patients.PatientView;
import com.telemed.booking.patients.Patients;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads of consultations and patients; each patient whose data is returned gets an audit row. */
@Service
public class ConsultationQueries {

    /** What booking knows of a consultation's money, from payment-service's events. */
    public static final Set<String> PAYMENT_STATUSES = Set.of("unpaid", "paid", "failed", "refunded",
            "paid_not_applied");

    /** Filters of a consultation list; null means any. Requests' page and size are checked by {@link Paging}. */
    public record Filter(String status, String paymentStatus, Long doctorId, Long patientId, Instant from, Instant to,
            int page, int size) {
        public Filter {
            if (status != null && !Consultation.STATUSES.contains(status)) {
                throw ApiException.badRequest("invalid-status", "Unknown status");
            }
            if (paymentStatus != null && !PAYMENT_STATUSES.contains(paymentStatus)) {
                throw ApiException.badRequest("invalid-payment-status", "Unknown payment status");
            }
        }

        public Filter(String status, Long doctorId, Long patientId, Instant from, Instant to, int page, int size) {
            this(status, null, doctorId, patientId, from, to, page, size);
        }
    }

    public record Summary(Instant from, Instant to, Map<String, Long> countsByStatus, List<ConsultationView> today) {
    }

    private static final String VIEW_SELECT = """
            select c.id, c.patient_id, c.doctor_id, c.specialty, c.consultation_type, c.reason_for_visit, c.notes,
                   c.scheduled_at, c.duration_minutes, c.status, c.amount, c.currency, c.hold_expires_at,
                   c.payment_status, c.timezone, c.cancel_reason, c.created_at, p.full_name as patient_name,
                   d.full_name as doctor_name
              from consultations c join patients p on p.id = c.patient_id join doctors d on d.id = c.doctor_id
            """;

    private final DatabaseClient db;
    private final Patients patients;
    private final ConsultationStore store;
    private final TransactionalOperator tx;

    public ConsultationQueries(DatabaseClient db, Patients patients, ConsultationStore store, TransactionalOperator tx) {
        this.db = db;
        this.patients = patients;
        this.store = store;
        this.tx = tx;
    }

    String sealNotes(String notes) {
        return patients.seal(notes, "consultations.notes");
    }

    /** One consultation the caller may see (404 otherwise), audited. */
    public Mono<ConsultationView> view(Caller caller, long id, boolean audit) {
        Mono<ConsultationView> read = store.readFor(caller, id)
                .flatMap(c -> db.sql(VIEW_SELECT + " where c.id = :id").bind("id", id)
                        .map(row -> toView(row, caller)).one())
                .flatMap(v -> audit ? store.audit(caller, v.patientId(), "consultation:" + id, "read").thenReturn(v)
                        : Mono.just(v));
        return store.auditDenials(audit ? tx.transactional(read) : read);
    }

    /** A consultation for its patient's secure link. */
    public Mono<ConsultationView> viewByLink(Consultation c) {
        Caller caller = Caller.patientLink(c.patientId());
        return tx.transactional(db.sql(VIEW_SELECT + " where c.id = :id").bind("id", c.id())
                .map(row -> toView(row, caller)).one()
                .flatMap(v -> store.audit(caller, v.patientId(), "consultation:" + c.id(), "read").thenReturn(v)));
    }

    private ConsultationView toView(io.r2dbc.spi.Readable row, Caller caller) {
        boolean staff = caller.isAdmin() || caller.isDoctor();
        String notes = row.get("notes", String.class);
        return new ConsultationView(row.get("id", Long.class), row.get("patient_id", Long.class),
                patients.decryptName(row.get("patient_name", String.class)), row.get("doctor_id", Long.class),
                row.get("doctor_name", String.class), row.get("specialty", String.class),
                row.get("consultation_type", String.class),
                patients.open(row.get("reason_for_visit", String.class), "consultations.reason_for_visit"),
                staff ? patients.open(notes, "consultations.notes") : null,
                Consultation.instant(row, "scheduled_at"), row.get("duration_minutes", Integer.class),
                row.get("status", String.class), row.get("amount", Long.class), row.get("currency", String.class),
                Consultation.instant(row, "hold_expires_at"), row.get("payment_status", String.class),
                row.get("timezone", String.class), row.get("cancel_reason", String.class),
                Consultation.instant(row, "created_at"));
    }

    /** Consultations the caller may see, filtered and paged: admins all, doctors theirs, patients theirs. */
    public Mono<Page<ConsultationView>> list(Caller caller, Filter f) {
        Long doctor = f.doctorId();
        Long patient = f.patientId();
        if (caller.isDoctor()) {
            doctor = caller.numericId();
        } else if (caller.isPatient()) {
            patient = caller.numericId();
        } else {
            caller.require(caller.isAdmin());
        }
        String where = """
                 where (cast(:status as text) is null or c.status = cast(:status as text))
                   and (cast(:paymentStatus as text) is null or c.payment_status = cast(:paymentStatus as text))
                   and (cast(:doctor as bigint) is null or c.doctor_id = cast(:doctor as bigint))
                   and (cast(:patient as bigint) is null or c.patient_id = cast(:patient as bigint))
                   and (cast(:from as timestamptz) is null or c.scheduled_at >= cast(:from as timestamptz))
                   and (cast(:to as timestamptz) is null or c.scheduled_at < cast(:to as timestamptz))
                """;
        Long d = doctor;
        Long p = patient;
        Mono<List<ConsultationView>> items = bindFilter(db.sql(VIEW_SELECT + where
                        + " order by c.scheduled_at desc limit :limit offset :offset"), f, d, p)
                .bind("limit", f.size()).bind("offset", (long) f.page() * f.size())
                .map(row -> toView(row, caller)).all().collectList();
        Mono<Long> total = bindFilter(db.sql("select count(*) as n from consultations c" + where), f, d, p)
                .map(row -> row.get("n", Long.class)).one();
        return tx.transactional(Mono.zip(items, total)
                .flatMap(t -> auditPatients(caller, t.getT1().stream().map(ConsultationView::patientId).toList(),
                        "list-consultations").thenReturn(new Page<>(t.getT1(), f.page(), f.size(), t.getT2()))));
    }

    private static DatabaseClient.GenericExecuteSpec bindFilter(DatabaseClient.GenericExecuteSpec spec, Filter f,
            Long doctor, Long patient) {
        return spec.bind("status", Parameter.fromOrEmpty(f.status(), String.class))
                .bind("paymentStatus", Parameter.fromOrEmpty(f.paymentStatus(), String.class))
                .bind("doctor", Parameter.fromOrEmpty(doctor, Long.class))
                .bind("patient", Parameter.fromOrEmpty(patient, Long.class))
                .bind("from", Parameter.fromOrEmpty(f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC),
                        java.time.OffsetDateTime.class))
                .bind("to", Parameter.fromOrEmpty(f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC),
                        java.time.OffsetDateTime.class));
    }

    private Mono<Void> auditPatients(Caller caller, List<Long> patientIds, String action) {
        return Flux.fromIterable(new ArrayList<>(new java.util.LinkedHashSet<>(patientIds)))
                .concatMap(id -> store.audit(caller, id, "patient:" + id, action))
                .then();
    }

    /** Patients with at least one consultation with this doctor. */
    public Mono<List<PatientView>> patientsOfDoctor(Caller caller) {
        caller.require(caller.isDoctor());
        return tx.transactional(db.sql("""
                        select p.id, p.full_name, p.email, p.phone, p.locale, p.created_at,
                               count(c.id) as consultations_count, max(c.scheduled_at) as last_consultation_at
                          from patients p join consultations c on c.patient_id = p.id
                         where c.doctor_id = :doctor group by p.id order by max(c.scheduled_at) desc""")
                .bind("doctor", caller.numericId())
                .map(patients::view).all().collectList()
                .flatMap(list -> auditPatients(caller, list.stream().map(PatientView::id).toList(), "list-patients")
                        .thenReturn(list)));
    }

    /** All patients (admins), optionally one by exact email through the blind index. */
    public Mono<Page<PatientView>> allPatients(Caller caller, String email, Paging paging) {
        caller.require(caller.isAdmin());
        String index = email == null || email.isBlank() ? null : patients.indexOf(email);
        String where = " where (cast(:idx as text) is null or p.email_index = cast(:idx as text))";
        Mono<List<PatientView>> items = db.sql("""
                        select p.id, p.full_name, p.email, p.phone, p.locale, p.created_at,
                               (select count(*) from consultations c where c.patient_id = p.id) as consultations_count,
                               (select max(scheduled_at) from consultations c where c.patient_id = p.id) as last_consultation_at
                          from patients p""" + where + " order by p.id desc limit :limit offset :offset")
                .bind("idx", Parameter.fromOrEmpty(index, String.class))
                .bind("limit", paging.size()).bind("offset", paging.offset())
                .map(patients::view).all().collectList();
        Mono<Long> total = db.sql("select count(*) as n from patients p" + where)
                .bind("idx", Parameter.fromOrEmpty(index, String.class))
                .map(row -> row.get("n", Long.class)).one();
        return tx.transactional(Mono.zip(items, total).flatMap(t -> auditPatients(caller,
                t.getT1().stream().map(PatientView::id).toList(), "list-patients")
                .thenReturn(Page.of(t.getT1(), paging, t.getT2()))));
    }

    /** One patient: admins any; a doctor only a patient of theirs (404 otherwise). */
    public Mono<PatientView> patient(Caller caller, long id) {
        Mono<Boolean> allowed = caller.isAdmin() ? Mono.just(true)
                : caller.isDoctor() ? db.sql("select 1 from consultations where patient_id = :p and doctor_id = :d limit 1")
                        .bind("p", id).bind("d", caller.numericId()).fetch().first().hasElement()
                : Mono.just("patient".equals(caller.role()) && String.valueOf(id).equals(caller.id()));
        return tx.transactional(allowed.flatMap(ok -> ok ? patients.byId(id)
                        : Mono.error(ApiException.notFound("Patient")))
                .flatMap(v -> store.audit(caller, id, "patient:" + id, "read").thenReturn(v)));
    }

    /** Counts by status and the consultations of a day, for the admin dashboard. */
    public Mono<Summary> summary(Caller caller, Instant from, Instant to) {
        caller.require(caller.isAdmin());
        Mono<Map<String, Long>> counts = db.sql("""
                        select status, count(*) as n from consultations
                         where scheduled_at >= :from and scheduled_at < :to group by status""")
                .bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map(row -> Map.entry(row.get("status", String.class), row.get("n", Long.class))).all()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()));
        Filter today = new Filter(null, null, null, from, to, 0, 200);
        return Mono.zip(counts, list(caller, today))
                .map(t -> new Summary(from, to, t.getT1(), t.getT2().items()));
    }
}
