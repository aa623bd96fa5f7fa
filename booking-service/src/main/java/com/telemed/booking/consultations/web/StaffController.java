package com.telemed.booking.consultations.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.consultations.ConsultationQueries;
import com.telemed.booking.consultations.ConsultationView;
import com.telemed.booking.consultations.Lifecycle;
import com.telemed.booking.patients.PatientView;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** Doctors' own consultations and patients; admins' lists, dashboard and changes. */
@RestController
class StaffController {

    private final ConsultationQueries queries;
    private final Lifecycle lifecycle;

    StaffController(ConsultationQueries queries, Lifecycle lifecycle) {
        this.queries = queries;
        this.lifecycle = lifecycle;
    }

    /** The doctor's own consultations: status, time range and patient filters, newest or upcoming first. */
    @Operation(summary = "The doctor's consultations")
    @GetMapping("/api/v1/doctor/consultations")
    Mono<Page<ConsultationView>> doctorConsultations(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "patient_id", required = false) Long patientId,
            @RequestParam(required = false) String order, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        caller.require(caller.isDoctor());
        Paging paging = Paging.of(page, size);
        return Mono.defer(() -> queries.list(caller, new ConsultationQueries.Filter(status, null, null, patientId,
                from, to, paging.page(), paging.size(), ConsultationQueries.Filter.upcomingFirst(order))));
    }

    @Operation(summary = "One of the doctor's consultations")
    @GetMapping("/api/v1/doctor/consultations/{id}")
    Mono<ConsultationView> doctorConsultation(Caller caller, @PathVariable long id) {
        caller.require(caller.isDoctor());
        return queries.view(caller, id, true);
    }

    @Operation(summary = "Change one of the doctor's consultations")
    @PatchMapping("/api/v1/doctor/consultations/{id}")
    Mono<ConsultationView> doctorChange(Caller caller, @PathVariable long id,
            @RequestBody ConsultationsController.ChangeBody body) {
        caller.require(caller.isDoctor());
        return lifecycle.change(caller, id, body.toChange());
    }

    /** The doctor's patients, paged; {@code q} searches names (see {@link ConsultationQueries#patientsOfDoctor}). */
    @Operation(summary = "The doctor's patients")
    @GetMapping("/api/v1/doctor/patients")
    Mono<Page<PatientView>> doctorPatients(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        caller.require(caller.isDoctor());
        Paging paging = Paging.of(page, size);
        return Mono.defer(() -> queries.patientsOfDoctor(caller, q, paging));
    }

    /**
     * The identity of one of the doctor's patients (name, contact), for the patient's page beside clinical-service's
     * summary; a patient outside the doctor's care gets the same 404 as an unknown id. Audited.
     */
    @Operation(summary = "Who one of the doctor's patients is")
    @GetMapping("/api/v1/doctor/patients/{id}/identity")
    Mono<PatientView> doctorPatient(Caller caller, @PathVariable long id) {
        caller.require(caller.isDoctor());
        return queries.patient(caller, id);
    }

    @Operation(summary = "List patients")
    @GetMapping("/api/v1/admin/patients")
    Mono<Page<PatientView>> patients(Caller caller,
            @RequestParam(required = false) String email, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return Mono.defer(() -> queries.allPatients(caller, email, Paging.of(page, size)));
    }

    @Operation(summary = "One patient")
    @GetMapping("/api/v1/admin/patients/{id}")
    Mono<PatientView> patient(Caller caller, @PathVariable long id) {
        caller.require(caller.isAdmin());
        return queries.patient(caller, id);
    }

    @Operation(summary = "List consultations")
    @GetMapping("/api/v1/admin/consultations")
    Mono<Page<ConsultationView>> consultations(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(name = "doctor_id", required = false) Long doctorId,
            @RequestParam(name = "patient_id", required = false) Long patientId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        caller.require(caller.isAdmin());
        Paging paging = Paging.of(page, size);
        return Mono.defer(() -> queries.list(caller,
                new ConsultationQueries.Filter(status, doctorId, patientId, from, to, paging.page(), paging.size())));
    }

    /** Counts by status and the list of one day ({@code date} in {@code tz}, default today in UTC). */
    @Operation(summary = "One day's consultations and counts by status")
    @GetMapping("/api/v1/admin/consultations/summary")
    Mono<ConsultationQueries.Summary> summary(Caller caller,
            @RequestParam(required = false) LocalDate date, @RequestParam(required = false) String tz) {
        caller.require(caller.isAdmin());
        ZoneId zone;
        try {
            zone = tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            return Mono.error(ApiException.badRequest("invalid-timezone", "tz must be an IANA zone id"));
        }
        LocalDate day = date == null ? LocalDate.now(zone) : date;
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return queries.summary(caller, from, to.isAfter(from) ? to : from.plus(Duration.ofDays(1)));
    }

    @Operation(summary = "One consultation (admin)")
    @GetMapping("/api/v1/admin/consultations/{id}")
    Mono<ConsultationView> consultation(Caller caller, @PathVariable long id) {
        caller.require(caller.isAdmin());
        return queries.view(caller, id, true);
    }

    @Operation(summary = "Change a consultation (admin)")
    @PatchMapping("/api/v1/admin/consultations/{id}")
    Mono<ConsultationView> change(Caller caller, @PathVariable long id,
            @RequestBody ConsultationsController.ChangeBody body) {
        caller.require(caller.canAdminWrite());
        return lifecycle.change(caller, id, body.toChange());
    }
}
