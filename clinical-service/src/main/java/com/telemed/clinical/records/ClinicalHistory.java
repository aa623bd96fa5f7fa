package com.telemed.clinical.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.clinical.care.CareConsultation;
import com.telemed.clinical.care.CareRelationships;
import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.Medication;
import com.telemed.clinical.templates.Templates;
import com.telemed.events.ClinicalRecordCreated;
import com.telemed.events.ClinicalRecordSigned;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A patient's clinical history as doctors use it. Only a doctor who treats the patient (a confirmed consultation
 * that was not cancelled, or records of their own already written) reaches it; anyone else gets the same 404 as
 * for a patient who does not exist, and the refusal is audited. Every read and write is appended to the audit
 * log in the same transaction. Drafts are visible to their author only; signed records are locked and change
 * only through addenda.
 */
@Service
public class ClinicalHistory {

    private final RecordStore store;
    private final CareRelationships care;
    private final Templates templates;
    private final AuditLog audit;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    ClinicalHistory(RecordStore store, CareRelationships care, Templates templates, AuditLog audit,
            OutboxWriter outbox, TransactionalOperator tx) {
        this.store = store;
        this.care = care;
        this.templates = templates;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
    }

    /** The caller and the client address the gateway saw, for the audit log. */
    public record Actor(Caller caller, String ip) {
    }

    /** History filter: records created in [from, to), chief complaint containing {@code q} (any case). */
    public record Filter(Instant from, Instant to, String q) {
    }

    /** A new record: from scratch, or from a template with the sections given overriding it. */
    public record NewRecord(Long templateId, Long consultationId, ClinicalContent content) {
    }

    public Mono<Page<ClinicalRecord>> history(Actor a, long patientId, Filter f, Paging paging) {
        return guarded(a, patientId, "clinical-history:" + patientId, "read", doctor ->
                store.ofPatient(patientId, f.from(), f.to()).flatMap(rows -> {
                    List<RecordStore.Row> matching = rows.stream()
                            .filter(r -> visibleTo(r, doctor) && matches(r, f.q())).toList();
                    int from = (int) Math.min(paging.offset(), matching.size());
                    List<RecordStore.Row> page = matching.subList(from,
                            Math.min(from + paging.size(), matching.size()));
                    return views(page).map(list -> Page.of(list, paging, matching.size()));
                }).flatMap(page -> audited(a, patientId, "clinical-history:" + patientId, "read").thenReturn(page)));
    }

    /**
     * The caller's own drafts across all their patients, most recently changed first (the doctor's dashboard). Each
     * draft listed is audited as read; any other role gets 403.
     */
    public Mono<Page<ClinicalRecord>> drafts(Actor a, Paging paging) {
        Caller caller = a.caller();
        if (!caller.isDoctor()) {
            return audit.record(AuditEntry.denied(caller.id(), caller.role(), null, "clinical-drafts", "read")
                            .from(a.ip()))
                    .then(Mono.error(ApiException.forbidden()));
        }
        long doctor = caller.numericId();
        return tx.transactional(Mono.zip(store.draftsOf(doctor, paging.size(), paging.offset()),
                        store.countDrafts(doctor))
                .flatMap(t -> views(t.getT1()).map(list -> Page.of(list, paging, t.getT2())))
                .flatMap(page -> Flux.fromIterable(page.items())
                        .concatMap(r -> recorded(a, r.patientId(), r.id(), "read"))
                        .then(Mono.just(page))));
    }

    public Mono<ClinicalRecord> create(Actor a, long patientId, NewRecord r) {
        ClinicalContent given = (r.content() == null ? ClinicalContent.EMPTY : r.content()).validated();
        return guarded(a, patientId, "clinical-history:" + patientId, "create", doctor ->
                checkConsultation(doctor, patientId, r.consultationId())
                        .then(startingPoint(a.caller(), r.templateId()))
                        .flatMap(base -> store.insert(patientId, r.consultationId(), doctor, given.over(base)))
                        .flatMap(row -> outbox.write(new ClinicalRecordCreated(row.id(), patientId, doctor,
                                        row.consultationId(), row.createdAt()), patientId)
                                .then(recorded(a, patientId, row.id(), "create"))
                                .then(view(row))));
    }

    /** Changes the sections given (null keeps them) of the author's own draft; 409 once signed. */
    public Mono<ClinicalRecord> update(Actor a, long patientId, long id, ClinicalContent content) {
        ClinicalContent given = (content == null ? ClinicalContent.EMPTY : content).validated();
        return onRecord(a, patientId, id, "update", (doctor, row) -> {
            requireAuthor(row, doctor);
            requireDraft(row);
            return store.updateContent(id, given.over(row.content()));
        });
    }

    /** Signs the author's draft: it is locked from now on; the chief complaint is required (422). */
    public Mono<ClinicalRecord> sign(Actor a, long patientId, long id) {
        return onRecord(a, patientId, id, "sign", (doctor, row) -> {
            requireAuthor(row, doctor);
            requireDraft(row);
            if (!row.content().hasChiefComplaint()) {
                return Mono.error(ApiException.unprocessable("chief-complaint-required",
                        "A record needs a chief complaint to be signed"));
            }
            return store.sign(id).flatMap(signed -> outbox.write(new ClinicalRecordSigned(id, patientId,
                    signed.authorId(), signed.consultationId(), signed.signedAt()), patientId).thenReturn(signed));
        });
    }

    /** Adds text to a signed record (any doctor who treats the patient): the record becomes amended. */
    public Mono<ClinicalRecord> addAddendum(Actor a, long patientId, long id, String text) {
        if (text == null || text.isBlank()) {
            return Mono.error(ApiException.unprocessable("text-required", "An addendum needs a text"));
        }
        ClinicalContent.text("text", text);
        return onRecord(a, patientId, id, "addendum", (doctor, row) -> {
            if (ClinicalRecord.ENTERED_IN_ERROR.equals(row.status())) {
                return Mono.error(enteredInError());
            }
            if (!row.signed()) {
                return Mono.error(ApiException.conflict("record-not-signed",
                        "A draft is changed directly; addenda are for signed records"));
            }
            return store.addendum(id, doctor, text).then(store.lock(patientId, id));
        });
    }

    /**
     * Removes the author's draft (empty), or marks a signed record entered in error with the reason (it is kept and
     * shown struck through); a signed record without a reason is 422.
     */
    public Mono<Optional<ClinicalRecord>> delete(Actor a, long patientId, long id, String reason) {
        return guarded(a, patientId, "clinical-record:" + id, "delete", doctor -> store.lock(patientId, id)
                .filter(row -> visibleTo(row, doctor))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Record")))
                .flatMap(row -> {
                    requireAuthor(row, doctor);
                    if (row.draft()) {
                        return store.delete(id).then(recorded(a, patientId, id, "delete"))
                                .thenReturn(Optional.<ClinicalRecord>empty());
                    }
                    if (ClinicalRecord.ENTERED_IN_ERROR.equals(row.status())) {
                        return Mono.error(enteredInError());
                    }
                    if (reason == null || reason.isBlank()) {
                        return Mono.error(ApiException.unprocessable("reason-required",
                                "A signed record is never removed: give the reason it is entered in error"));
                    }
                    ClinicalContent.text("reason", reason);
                    return store.enteredInError(id, doctor, reason.trim())
                            .flatMap(changed -> recorded(a, patientId, id, "entered-in-error").then(view(changed)))
                            .map(Optional::of);
                }));
    }

    public Mono<PatientSummary> summary(Actor a, long patientId) {
        return guarded(a, patientId, "clinical-summary:" + patientId, "read", doctor -> Mono.zip(
                care.between(doctor, patientId).collectList(),
                store.ofPatient(patientId, null, null)).map(t -> summarise(patientId, t.getT1(),
                        t.getT2().stream().filter(r -> visibleTo(r, doctor)).toList()))
                .flatMap(summary -> audited(a, patientId, "clinical-summary:" + patientId, "read")
                        .thenReturn(summary)));
    }

    /**
     * The patient's own view of one consultation: the signed and amended records written for it, with their addenda.
     * Drafts and records entered in error are never shown to the patient. Only the consultation's patient reaches it
     * (the care relationship knows whose consultation it is); another patient and an unknown id get the same audited
     * 404, any other role 403 (staff read records through the doctor's paths).
     */
    public Mono<Page<ClinicalRecord>> consultationRecordsForPatient(Actor a, long consultationId) {
        Caller caller = a.caller();
        String resource = "consultation-records:" + consultationId;
        Long patientId = caller.isPatient() ? patientIdOf(caller) : null;
        if (patientId == null) {
            return audit.record(AuditEntry.denied(caller.id(), caller.role(), null, resource, "read").from(a.ip()))
                    .then(Mono.error(caller.isPatient() ? ApiException.notFound("Consultation")
                            : ApiException.forbidden()));
        }
        Mono<Page<ClinicalRecord>> inTransaction = care.isPatientsConsultation(patientId, consultationId)
                .flatMap(own -> own ? store.signedOfConsultation(patientId, consultationId)
                        : Mono.error(new NotTreating()))
                .flatMap(this::views)
                .map(list -> new Page<>(list, 0, Math.max(list.size(), 1), list.size()))
                .flatMap(page -> audited(a, patientId, resource, "read").thenReturn(page));
        return tx.transactional(inTransaction)
                .onErrorResume(NotTreating.class, e -> audit.record(
                                AuditEntry.denied(caller.id(), caller.role(), patientId, resource, "read").from(a.ip()))
                        .then(Mono.error(ApiException.notFound("Consultation"))));
    }

    private static Long patientIdOf(Caller caller) {
        try {
            return Long.valueOf(caller.id());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // --- access, audit and transactions ------------------------------------------------------------------------

    /** Thrown inside the transaction when the caller does not treat the patient: becomes an audited 404. */
    private static final class NotTreating extends RuntimeException {
        NotTreating() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code work} in one transaction for a doctor who treats the patient, auditing the outcome: success with
     * the work, a refusal (any other role: 403; a doctor who does not treat the patient: 404) on its own.
     */
    private <T> Mono<T> guarded(Actor a, long patientId, String resource, String action, LongFunction<Mono<T>> work) {
        Caller caller = a.caller();
        if (!caller.isDoctor()) {
            return audit.record(AuditEntry.denied(caller.id(), caller.role(), patientId, resource, action)
                            .from(a.ip()))
                    .then(Mono.error(ApiException.forbidden()));
        }
        long doctor = caller.numericId();
        Mono<T> inTransaction = care.treats(doctor, patientId)
                .flatMap(treats -> treats ? Mono.just(true) : store.authored(doctor, patientId))
                .flatMap(allowed -> allowed ? work.apply(doctor) : Mono.error(new NotTreating()));
        return tx.transactional(inTransaction)
                .onErrorResume(NotTreating.class, e -> audit.record(
                                AuditEntry.denied(caller.id(), caller.role(), patientId, resource, action).from(a.ip()))
                        .then(Mono.error(ApiException.notFound("Patient"))));
    }

    /** One record action: the record locked (404 if not there or another author's draft), changed, audited. */
    private Mono<ClinicalRecord> onRecord(Actor a, long patientId, long id, String action,
            RecordChange change) {
        return guarded(a, patientId, "clinical-record:" + id, action, doctor -> store.lock(patientId, id)
                .filter(row -> visibleTo(row, doctor))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Record")))
                .flatMap(row -> Mono.defer(() -> change.apply(doctor, row)))
                .flatMap(changed -> recorded(a, patientId, id, action).then(view(changed))));
    }

    @FunctionalInterface
    private interface RecordChange {
        Mono<RecordStore.Row> apply(long doctor, RecordStore.Row row);
    }

    private Mono<Void> recorded(Actor a, long patientId, long recordId, String action) {
        return audited(a, patientId, "clinical-record:" + recordId, action);
    }

    private Mono<Void> audited(Actor a, long patientId, String resource, String action) {
        return audit.record(AuditEntry.success(a.caller().id(), a.caller().role(), patientId, resource, action)
                .from(a.ip()));
    }

    private static boolean visibleTo(RecordStore.Row row, long doctor) {
        return !row.draft() || row.authorId() == doctor;
    }

    private static boolean matches(RecordStore.Row row, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String cc = row.content().chiefComplaint();
        return cc != null && cc.toLowerCase(Locale.ROOT).contains(q.trim().toLowerCase(Locale.ROOT));
    }

    private static void requireAuthor(RecordStore.Row row, long doctor) {
        if (row.authorId() != doctor) {
            throw new ApiException(HttpStatus.FORBIDDEN, "not-author", "Only the author may change this record");
        }
    }

    private static void requireDraft(RecordStore.Row row) {
        if (ClinicalRecord.ENTERED_IN_ERROR.equals(row.status())) {
            throw enteredInError();
        }
        if (!row.draft()) {
            throw ApiException.conflict("record-signed",
                    "A signed record cannot be changed; add an addendum instead");
        }
    }

    private static ApiException enteredInError() {
        return ApiException.conflict("record-entered-in-error", "This record was entered in error");
    }

    private Mono<Void> checkConsultation(long doctor, long patientId, Long consultationId) {
        if (consultationId == null) {
            return Mono.empty();
        }
        return care.between(doctor, patientId).any(c -> c.consultationId() == consultationId)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(ApiException.unprocessable(
                        "unknown-consultation", "consultation_id is not a consultation of yours with this patient")));
    }

    private Mono<ClinicalContent> startingPoint(Caller caller, Long templateId) {
        if (templateId == null) {
            return Mono.just(ClinicalContent.EMPTY);
        }
        return templates.get(caller, templateId).map(t -> t.content().over(ClinicalContent.EMPTY))
                .onErrorMap(ApiException.class, e -> ApiException.unprocessable("unknown-template",
                        "template_id is not a template you may use"));
    }

    // --- views -------------------------------------------------------------------------------------------------

    private Mono<ClinicalRecord> view(RecordStore.Row row) {
        return views(List.of(row)).map(list -> list.get(0));
    }

    private Mono<List<ClinicalRecord>> views(List<RecordStore.Row> rows) {
        List<Long> ids = rows.stream().map(RecordStore.Row::id).toList();
        return store.addendaOf(ids).flatMap(addenda -> {
            Set<Long> authors = new TreeSet<>();
            rows.forEach(r -> authors.add(r.authorId()));
            addenda.values().forEach(list -> list.forEach(x -> authors.add(x.authorId())));
            return Flux.fromIterable(authors)
                    .concatMap(id -> care.doctorName(id).defaultIfEmpty("").map(name -> Map.entry(id, name)))
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .map(names -> rows.stream().map(r -> toView(r, addenda.getOrDefault(r.id(), List.of()), names))
                            .toList());
        });
    }

    private static ClinicalRecord toView(RecordStore.Row r, List<RecordStore.AddendumRow> addenda,
            Map<Long, String> names) {
        ClinicalContent c = r.content();
        return new ClinicalRecord(r.id(), r.patientId(), r.consultationId(),
                new ClinicalRecord.Author(r.authorId(), names.getOrDefault(r.authorId(), "")), c.chiefComplaint(),
                c.background(), c.assessment(), c.plan(), c.allergies(), c.medications(), r.status(), r.createdAt(),
                r.updatedAt(), r.signedAt(), r.errorReason(), r.errorAt(),
                addenda.stream().map(x -> new ClinicalRecord.Addendum(x.id(), x.text(),
                        new ClinicalRecord.Author(x.authorId(), names.getOrDefault(x.authorId(), "")), x.createdAt()))
                        .toList());
    }

    /** Newest signed mention first: a substance or drug counts once, as last written. */
    static PatientSummary summarise(long patientId, List<CareConsultation> consultations,
            List<RecordStore.Row> records) {
        Map<String, Allergy> allergies = new LinkedHashMap<>();
        Map<String, Medication> medications = new LinkedHashMap<>();
        for (RecordStore.Row r : records) {
            if (!r.signed()) {
                continue;
            }
            r.content().allergies().forEach(x -> allergies.putIfAbsent(key(x.substance()), x));
            r.content().medications().forEach(x -> medications.putIfAbsent(key(x.name()), x));
        }
        Instant lastConsultation = consultations.stream().filter(c -> !"cancelled".equals(c.status()))
                .map(CareConsultation::scheduledAt).max(Instant::compareTo).orElse(null);
        Instant lastRecord = records.isEmpty() ? null : records.get(0).createdAt();
        return new PatientSummary(patientId, consultations, lastConsultation, new ArrayList<>(allergies.values()),
                new ArrayList<>(medications.values()), records.size(), lastRecord);
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
