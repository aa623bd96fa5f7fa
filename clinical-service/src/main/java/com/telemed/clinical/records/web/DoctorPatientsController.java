package com.telemed.clinical.records.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.Medication;
import com.telemed.clinical.records.ClinicalHistory;
import com.telemed.clinical.records.ClinicalRecord;
import com.telemed.clinical.records.PatientSummary;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;
import com.telemed.webkit.ClientIp;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

/** The doctor's view of a patient: summary and clinical history ({@code /api/v1/doctor/patients/{id}/…}). */
@RestController
class DoctorPatientsController {

    private final ClinicalHistory history;

    DoctorPatientsController(ClinicalHistory history) {
        this.history = history;
    }

    /** A record's sections as sent; unknown fields are ignored, a missing section is left as it is. */
    record RecordBody(@Nullable Long templateId, @Nullable Long consultationId, @Nullable String chiefComplaint,
            @Nullable String background, @Nullable String assessment, @Nullable String plan,
            @Nullable List<Allergy> allergies, @Nullable List<Medication> medications) {

        ClinicalContent content() {
            return new ClinicalContent(chiefComplaint, background, assessment, plan, allergies, medications);
        }
    }

    record AddendumBody(String text) {
    }

    record ReasonBody(String reason) {
    }

    @Operation(summary = "A patient's clinical summary")
    @GetMapping("/api/v1/doctor/patients/{id}")
    Mono<PatientSummary> summary(Caller caller, ServerHttpRequest request, @PathVariable long id) {
        return Mono.defer(() -> history.summary(actor(caller, request), id));
    }

    /** The caller's own drafts (dashboard); {@code patient_id} of each lets the web name the patient. */
    @Operation(summary = "The doctor's unsigned records")
    @GetMapping("/api/v1/doctor/records/drafts")
    Mono<Page<ClinicalRecord>> drafts(Caller caller, ServerHttpRequest request,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return Mono.defer(() -> history.drafts(actor(caller, request), Paging.of(page, size)));
    }

    @Operation(summary = "A patient's clinical history")
    @GetMapping("/api/v1/doctor/patients/{id}/history")
    Mono<Page<ClinicalRecord>> history(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return Mono.defer(() -> history.history(actor(caller, request), id, new ClinicalHistory.Filter(from, to, q),
                Paging.of(page, size)));
    }

    @Operation(summary = "Write a clinical record (draft)")
    @PostMapping("/api/v1/doctor/patients/{id}/history")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ClinicalRecord> create(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @RequestBody RecordBody body) {
        return Mono.defer(() -> history.create(actor(caller, request), id,
                new ClinicalHistory.NewRecord(body.templateId(), body.consultationId(), body.content())));
    }

    @Operation(summary = "Change a draft record")
    @PutMapping("/api/v1/doctor/patients/{id}/history/{recordId}")
    Mono<ClinicalRecord> update(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @PathVariable long recordId, @RequestBody RecordBody body) {
        return Mono.defer(() -> history.update(actor(caller, request), id, recordId, body.content()));
    }

    /**
     * A draft is removed (204); a signed record is entered in error with {@code {"reason": …}} (200, the record).
     * The body is optional (a DELETE often has none), so it is read as text whatever its content type.
     */
    @Operation(summary = "Delete a draft, or mark a signed record entered in error")
    @DeleteMapping("/api/v1/doctor/patients/{id}/history/{recordId}")
    Mono<ResponseEntity<ClinicalRecord>> delete(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @PathVariable long recordId, @RequestBody(required = false) String body) {
        return Mono.defer(() -> history.delete(actor(caller, request), id, recordId, reason(body)))
                .map(kept -> kept.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build()));
    }

    @Operation(summary = "Sign a record")
    @PostMapping("/api/v1/doctor/patients/{id}/history/{recordId}/sign")
    Mono<ClinicalRecord> sign(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @PathVariable long recordId) {
        return Mono.defer(() -> history.sign(actor(caller, request), id, recordId));
    }

    @Operation(summary = "Add an addendum to a signed record")
    @PostMapping("/api/v1/doctor/patients/{id}/history/{recordId}/addenda")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ClinicalRecord> addendum(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @PathVariable long recordId, @RequestBody AddendumBody body) {
        return Mono.defer(() -> history.addAddendum(actor(caller, request), id, recordId, body.text()));
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JsonMapper.shared().readValue(body, ReasonBody.class).reason();
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed-body", "The request body is not valid JSON for this endpoint");
        }
    }

    private static ClinicalHistory.Actor actor(Caller caller, ServerHttpRequest request) {
        return new ClinicalHistory.Actor(caller, ClientIp.of(request));
    }
}
