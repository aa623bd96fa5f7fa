package com.telemed.pdf.exports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import com.telemed.pdf.PdfProperties;
import com.telemed.pdf.owners.OwnerRefused;
import com.telemed.pdf.owners.OwnerViews;
import com.telemed.pdf.owners.OwnerViews.ClinicalRecord;
import com.telemed.pdf.owners.OwnerViews.Consultation;
import com.telemed.pdf.owners.Owners;
import com.telemed.pdf.render.ClinicalDocument;
import com.telemed.pdf.render.ClinicalDocument.Kind;
import com.telemed.pdf.render.ClinicalDocument.Layout;
import com.telemed.pdf.render.PdfRenderer;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the five documents from what the owners answer the caller, renders them off the event loop and audits
 * every download (who, which document, which id, when; never clinical text). Who may read what is decided by the
 * owners: their 404 is ours, as is their 403 for a role that may not read histories at all.
 */
public class Exports {

    /** Records asked per page of the owner's history (its largest page). */
    static final int PAGE_SIZE = 100;

    private final Owners owners;
    private final PdfRenderer renderer;
    private final AuditLog audit;
    private final PdfProperties settings;

    public Exports(Owners owners, PdfRenderer renderer, AuditLog audit, PdfProperties settings) {
        this.owners = owners;
        this.renderer = renderer;
        this.audit = audit;
        this.settings = settings;
    }

    /** A rendered document and the name it is downloaded under. */
    public record Rendered(String fileName, String documentId, byte[] pdf) {
    }

    /** Who asks, with the token the owners will check again, and from where (for the audit). */
    public record Requester(Caller caller, String authorization, String clientIp) {
    }

    public Mono<Rendered> history(Requester who, long patientId, Layout layout) {
        Mono<ClinicalDocument> doc = Mono.defer(() -> {
            requireDoctor(who);
            return owners.patientSummary(who.authorization(), patientId)
                    .zipWith(signedRecords(who, patientId).collectList())
                    .zipWith(patientIdentity(who, patientId), (both, patient) -> new ClinicalDocument(layout,
                            Kind.HISTORY, documentId(), layout == Layout.SUMMARY ? "Resumen clínico" : "Historia clínica",
                            settings.clinicName(), Instant.now(), settings.clinicZone(), patient, null, null,
                            allergies(both.getT1().allergies()), medications(both.getT1().medications()),
                            both.getT2().stream().map(Exports::entry).toList()));
        });
        return produce(who, doc, patientId, resource(Kind.HISTORY, layout, patientId), patientId);
    }

    public Mono<Rendered> record(Requester who, long patientId, long recordId) {
        Mono<ClinicalDocument> doc = Mono.defer(() -> {
            requireDoctor(who);
            return signedRecords(who, patientId).filter(r -> r.id() == recordId).next()
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Clinical record")))
                    .zipWith(patientIdentity(who, patientId), (r, patient) -> new ClinicalDocument(Layout.ARCHIVAL,
                            Kind.RECORD, documentId(), "Registro clínico n.º " + recordId, settings.clinicName(),
                            Instant.now(), settings.clinicZone(), patient, null, null, null, null, List.of(entry(r))));
        });
        return produce(who, doc, recordId, resource(Kind.RECORD, Layout.ARCHIVAL, recordId), patientId);
    }

    public Mono<Rendered> consultation(Requester who, long consultationId, Layout layout) {
        Mono<ClinicalDocument> doc = Mono.defer(() -> {
            who.caller().require(who.caller().isDoctor() || who.caller().isPatient());
            return owners.consultation(who.authorization(), consultationId).flatMap(c -> {
                Mono<List<ClinicalRecord>> records = who.caller().isDoctor()
                        ? signedRecords(who, c.patientId()).filter(r -> Long.valueOf(c.id()).equals(r.consultationId()))
                                .collectList()
                                // No care relationship yet (e.g. pending payment): the consultation has no records.
                                .onErrorResume(OwnerRefused.class, e -> Mono.just(List.of()))
                        // The patient reads the signed records of their own consultation, with their own token.
                        : owners.ownConsultationRecords(who.authorization(), c.id())
                                .map(p -> p.items().stream()
                                        .filter(r -> "signed".equals(r.status()) || "amended".equals(r.status()))
                                        .toList())
                                // Not in clinical-service's care yet (e.g. never confirmed): no records to print.
                                .onErrorResume(OwnerRefused.class, e -> Mono.just(List.of()));
                Mono<ClinicalDocument.Patient> patient = who.caller().isDoctor()
                        ? patientIdentity(who, c.patientId()).map(p -> p.fullName() == null
                                ? new ClinicalDocument.Patient(p.id(), c.patientName(), p.email(), p.phone()) : p)
                        : Mono.just(new ClinicalDocument.Patient(c.patientId(), c.patientName(), null, null));
                return Mono.zip(records, patient, (rs, p) -> new ClinicalDocument(layout, Kind.CONSULTATION,
                        documentId(), "Resumen de la consulta n.º " + c.id(), settings.clinicName(), Instant.now(),
                        settings.clinicZone(), p, doctor(c), consultation(c), null, null,
                        rs.stream().map(Exports::entry).toList()));
            });
        });
        return produce(who, doc, consultationId, resource(Kind.CONSULTATION, layout, consultationId), null);
    }

    private Mono<Rendered> produce(Requester who, Mono<ClinicalDocument> doc, long id, String resource,
            Long patientId) {
        if (id <= 0) {
            return audited(who, resource, patientId, "denied").then(Mono.error(ApiException.notFound("Document")));
        }
        return doc
                .onErrorMap(OwnerRefused.class, Exports::asProblem)
                .onErrorResume(e -> e instanceof ApiException api && api.getStatusCode().is4xxClientError(),
                        e -> audited(who, resource, patientId, "denied").then(Mono.error(e)))
                .flatMap(d -> Mono.fromCallable(() -> new Rendered(d.fileName(id), d.documentId(), renderer.render(d)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(r -> audited(who, resource + ":" + d.documentId(),
                                patientId != null ? patientId : d.patient().id(), "success").thenReturn(r)));
    }

    /** What the audit names: {@code pdf:<kind>[-resumen]:<id>}, the document id added once it exists. */
    private static String resource(Kind kind, Layout layout, long id) {
        return "pdf:" + kind.slug() + (layout == Layout.SUMMARY ? "-resumen" : "") + ":" + id;
    }

    private Mono<Void> audited(Requester who, String resource, Long patientId, String outcome) {
        Caller c = who.caller();
        return audit.record(new AuditEntry(c.id(), c.role(), patientId, resource, "export", outcome, who.clientIp()));
    }

    private static RuntimeException asProblem(OwnerRefused refused) {
        return switch (refused.status()) {
            case 404 -> ApiException.notFound("Document");
            case 403 -> ApiException.forbidden();
            case 401 -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required");
            // Any other refusal of a plain GET is the owner's trouble, not the caller's.
            default -> new com.telemed.pdf.owners.OwnerUnavailable("owner refused with " + refused.status(), refused);
        };
    }

    private static void requireDoctor(Requester who) {
        // Patients and admins get clinical-service's 403 without asking it: no role but a doctor reads histories.
        who.caller().require(who.caller().isDoctor());
    }

    /** Every record of the patient the caller may read, newest first, without drafts (not part of the record). */
    private Flux<ClinicalRecord> signedRecords(Requester who, long patientId) {
        int maxPages = Math.max(1, (settings.maxRecords() + PAGE_SIZE - 1) / PAGE_SIZE);
        return owners.history(who.authorization(), patientId, 0, PAGE_SIZE)
                .expand(p -> (long) (p.page() + 1) * PAGE_SIZE < p.total() && p.page() + 1 < maxPages
                        ? owners.history(who.authorization(), patientId, p.page() + 1, PAGE_SIZE)
                        : Mono.empty())
                .concatMapIterable(OwnerViews.RecordPage::items)
                .filter(r -> !"draft".equals(r.status()));
    }

    /** Name and contact as booking shows them to this doctor; only the id when booking does not list the patient. */
    private Mono<ClinicalDocument.Patient> patientIdentity(Requester who, long patientId) {
        return owners.doctorPatient(who.authorization(), patientId)
                .map(p -> new ClinicalDocument.Patient(p.id(), p.fullName(), p.email(), p.phone()))
                .defaultIfEmpty(new ClinicalDocument.Patient(patientId, null, null, null));
    }

    private static ClinicalDocument.Doctor doctor(Consultation c) {
        return new ClinicalDocument.Doctor(c.doctorName(), c.specialty(), c.doctorLicenseNumber());
    }

    private static ClinicalDocument.Consultation consultation(Consultation c) {
        return new ClinicalDocument.Consultation(c.id(), c.scheduledAt(), c.durationMinutes(), c.status(),
                c.reasonForVisit(), c.amount(), c.currency(), c.paymentStatus());
    }

    static ClinicalDocument.Entry entry(ClinicalRecord r) {
        return new ClinicalDocument.Entry(r.id(), r.consultationId(), r.author() == null ? null : r.author().fullName(),
                r.status(), r.createdAt(), r.signedAt(), r.chiefComplaint(), r.background(), r.assessment(), r.plan(),
                allergies(r.allergies()), medications(r.medications()), r.enteredInErrorReason(), r.enteredInErrorAt(),
                Optional.ofNullable(r.addenda()).orElse(List.of()).stream()
                        .map(a -> new ClinicalDocument.Addendum(a.author() == null ? null : a.author().fullName(),
                                a.text(), a.createdAt()))
                        .toList());
    }

    private static List<ClinicalDocument.Allergy> allergies(List<OwnerViews.Allergy> items) {
        return Optional.ofNullable(items).orElse(List.of()).stream()
                .map(a -> new ClinicalDocument.Allergy(a.substance(), a.reaction(), a.severity())).toList();
    }

    private static List<ClinicalDocument.Medication> medications(List<OwnerViews.Medication> items) {
        return Optional.ofNullable(items).orElse(List.of()).stream()
                .map(m -> new ClinicalDocument.Medication(m.name(), m.dose(), m.frequency(), m.route())).toList();
    }

    private static String documentId() {
        return UUID.randomUUID().toString();
    }
}
