package com.telemed.booking.consultations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

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
            "paid_not_applied", "paid_at_clinic", "at_clinic", "free");

    /** Filters of a consultation list; null means any. Requests' page and size are checked by {@link Paging}. */
    public record Filter(String status, String paymentStatus, Long doctorId, Long patientId, Instant from, Instant to,
            int page, int size, boolean upcomingFirst) {

        public Filter(String status, String paymentStatus, Long doctorId, Long patientId, Instant from, Instant to,
                int page, int size) {
            this(status, paymentStatus, doctorId, patientId, from, to, page, size, false);
        }

        /** {@code newest} (default) or {@code upcoming} (earliest first); anything else is 400. */
        public static boolean upcomingFirst(String order) {
            if (order == null || order.isBlank() || "newest".equals(order)) {
                return false;
            }
            if ("upcoming".equals(order)) {
                return true;
            }
            throw ApiException.badRequest("invalid-order", "order must be newest or upcoming");
        }

        public Filter {
            if (status != null && ConsultationStatus.fromWire(status).isEmpty()) {
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

    private final Patients patients;
    private final ConsultationStore store;
    private final TransactionalOperator tx;

    public ConsultationQueries(Patients patients, ConsultationStore store, TransactionalOperator tx) {
        this.patients = patients;
        this.store = store;
        this.tx = tx;
    }

    String sealNotes(String notes) {
        return patients.seal(notes, "consultations.notes");
    }

    String sealCancelNote(String note) {
        return patients.seal(note, "consultations.cancel_note");
    }

    String sealPaymentNote(String note) {
        return patients.seal(note, "consultations.payment_note");
    }

    /** One consultation the caller may see (404 otherwise), audited. */
    public Mono<ConsultationView> view(Caller caller, long id, boolean audit) {
        Mono<ConsultationView> read = store.readFor(caller, id)
                .flatMap(c -> store.view(id, row -> toView(row, caller)))
                .flatMap(v -> audit ? store.audit(caller, v.patientId(), "consultation:" + id, "read").thenReturn(v)
                        : Mono.just(v));
        return store.auditDenials(audit ? tx.transactional(read) : read);
    }

    /** A consultation for its patient's secure link. */
    public Mono<ConsultationView> viewByLink(Consultation c) {
        Caller caller = Caller.patientLink(c.patientId());
        return tx.transactional(store.view(c.id(), row -> toView(row, caller))
                .flatMap(v -> store.audit(caller, v.patientId(), "consultation:" + c.id(), "read").thenReturn(v)));
    }

    private ConsultationView toView(io.r2dbc.spi.Readable row, Caller caller) {
        boolean staff = caller.isAdmin() || caller.isDoctor();
        // A doctor learns who a patient is only once the patient is in their care (see patientsOfDoctor).
        boolean identified = !caller.isDoctor() || Boolean.TRUE.equals(row.get("care", Boolean.class));
        String notes = row.get("notes", String.class);
        return new ConsultationView(row.get("id", Long.class), row.get("patient_id", Long.class),
                identified ? patients.decryptName(row.get("patient_name", String.class)) : null,
                row.get("doctor_id", Long.class),
                row.get("doctor_name", String.class), row.get("specialty", String.class),
                row.get("consultation_type", String.class),
                patients.open(row.get("reason_for_visit", String.class), "consultations.reason_for_visit"),
                staff ? patients.open(notes, "consultations.notes") : null,
                Consultation.instant(row, "scheduled_at"), row.get("duration_minutes", Integer.class),
                row.get("status", String.class), row.get("amount", Long.class), row.get("currency", String.class),
                Consultation.instant(row, "hold_expires_at"), row.get("payment_status", String.class),
                row.get("timezone", String.class), row.get("cancel_reason", String.class),
                Consultation.instant(row, "created_at"),
                staff ? patients.open(row.get("cancel_note", String.class), "consultations.cancel_note") : null,
                row.get("doctor_license_number", String.class));
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
        return tx.transactional(store.views(f, doctor, patient, row -> toView(row, caller))
                .flatMap(page -> auditPatients(caller, page.items().stream().map(ConsultationView::patientId).toList(),
                        "list-consultations").thenReturn(page)));
    }

    private Mono<Void> auditPatients(Caller caller, List<Long> patientIds, String action) {
        return Flux.fromIterable(new ArrayList<>(new java.util.LinkedHashSet<>(patientIds)))
                .concatMap(id -> store.audit(caller, id, "patient:" + id, action))
                .then();
    }

    /**
     * Patients in this doctor's care (with a confirmed, in-progress, completed or no-show consultation with them): a
     * hold pending payment is made with only an email address, so it reveals nobody's identity.
     * <p>
     * A page of this doctor's patients, the most recent consultation first, optionally only those whose name
     * contains {@code q} (ignoring case and accents). Names are encrypted at rest, so the search decrypts the
     * doctor's own patients and filters them here: a doctor's list is small (hundreds), and no searchable form of
     * a name is stored. Only the patients on the returned page are audited as read.
     */
    public Mono<Page<PatientView>> patientsOfDoctor(Caller caller, String q, Paging paging) {
        caller.require(caller.isDoctor());
        String needle = q == null || q.isBlank() ? null : NameSearch.normalize(q);
        return tx.transactional(store.patientsOf(caller.numericId())
                .flatMap(of -> patients.byIds(of.stream().map(ConsultationStore.PatientConsultations::patientId)
                                .toList())
                        .map(found -> of.stream().filter(o -> found.containsKey(o.patientId()))
                                .map(o -> found.get(o.patientId()).withConsultations(o.count(), o.last()))
                                .filter(v -> needle == null || NameSearch.normalize(v.fullName()).contains(needle))
                                .toList()))
                .map(all -> Page.of(all.stream().skip(paging.offset()).limit(paging.size()).toList(), paging,
                        all.size()))
                .flatMap(page -> auditPatients(caller, page.items().stream().map(PatientView::id).toList(),
                        "list-patients").thenReturn(page)));
    }

    /** What the doctor's dashboard shows of money: consultations of this period paid (online or at the clinic). */
    public record Earnings(String currency, long amount, long consultations) {
    }

    public Mono<List<Earnings>> earnings(Caller caller, Instant from, Instant to) {
        caller.require(caller.isDoctor());
        return store.earnings(caller.numericId(), from, to);
    }

    /** All patients (admins), optionally one by exact email through the blind index. */
    public Mono<Page<PatientView>> allPatients(Caller caller, String email, Paging paging) {
        caller.require(caller.isAdmin());
        return tx.transactional(patients.page(email, paging)
                .flatMap(page -> store.consultationsOf(page.items().stream().map(PatientView::id).toList())
                        .map(counts -> new Page<>(page.items().stream().map(p -> {
                            ConsultationStore.PatientConsultations of = counts.get(p.id());
                            return of == null ? p.withConsultations(0, null) : p.withConsultations(of.count(), of.last());
                        }).toList(), page.page(), page.size(), page.total())))
                .flatMap(page -> auditPatients(caller, page.items().stream().map(PatientView::id).toList(),
                        "list-patients").thenReturn(page)));
    }

    /** One patient: admins any; a doctor only a patient in their care (404 otherwise). */
    public Mono<PatientView> patient(Caller caller, long id) {
        Mono<Boolean> allowed = caller.isAdmin() ? Mono.just(true)
                : caller.isDoctor() ? store.hasCareRelationship(id, caller.numericId())
                : Mono.just("patient".equals(caller.role()) && String.valueOf(id).equals(caller.id()));
        return tx.transactional(allowed.flatMap(ok -> ok ? patients.byId(id)
                        : Mono.error(ApiException.notFound("Patient")))
                .flatMap(v -> store.audit(caller, id, "patient:" + id, "read").thenReturn(v)));
    }

    /** Counts by status and the consultations of a day, for the admin dashboard. */
    public Mono<Summary> summary(Caller caller, Instant from, Instant to) {
        caller.require(caller.isAdmin());
        Mono<Map<String, Long>> counts = store.countsByStatus(from, to);
        Filter today = new Filter(null, null, null, from, to, 0, 200);
        return Mono.zip(counts, list(caller, today))
                .map(t -> new Summary(from, to, t.getT1(), t.getT2().items()));
    }
}
