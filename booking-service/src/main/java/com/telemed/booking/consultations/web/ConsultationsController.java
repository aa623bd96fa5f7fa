package com.telemed.booking.consultations.web;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;
import com.telemed.booking.consultations.Booking;
import com.telemed.booking.consultations.BookingAnswer;
import com.telemed.booking.consultations.BookingRequest;
import com.telemed.booking.consultations.ConsultationQueries;
import com.telemed.booking.consultations.ConsultationView;
import com.telemed.booking.consultations.Lifecycle;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

/** Consultations for signed-in callers: staff booking, the spec's payment-path aliases, and the patient's own. */
@RestController
class ConsultationsController {

    record ChangeBody(@Nullable String status, @Nullable Instant scheduledAt, @Nullable String notes,
            @Nullable String reason, @Nullable String paymentMode) {
        Lifecycle.Change toChange() {
            return new Lifecycle.Change(status, scheduledAt, notes, reason, paymentMode);
        }
    }

    private final Booking booking;
    private final Lifecycle lifecycle;
    private final ConsultationQueries queries;

    ConsultationsController(Booking booking, Lifecycle lifecycle, ConsultationQueries queries) {
        this.booking = booking;
        this.lifecycle = lifecycle;
        this.queries = queries;
    }

    @Operation(summary = "Book a consultation for a patient (staff)")
    @PostMapping({ "/api/v1/consultations", "/api/v1/payments/consultations" })
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BookingAnswer> create(Caller caller, @RequestBody BookingRequest body) {
        return booking.bookFor(caller, body).map(Booking.Outcome::answer);
    }

    @Operation(summary = "Change a consultation (spec path)")
    @PutMapping("/api/v1/payments/consultations/{id}")
    Mono<ConsultationView> update(Caller caller, @PathVariable long id, @RequestBody ChangeBody body) {
        return lifecycle.change(caller, id,
                body.toChange());
    }

    /**
     * The spec's "consultations with payments": the caller's consultations with their payment status and amount
     * (admins all, filterable; doctors their own; patients theirs).
     */
    @Operation(summary = "Consultations with their payment status")
    @GetMapping("/api/v1/payments/consultations")
    Mono<Page<ConsultationView>> withPayments(Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(name = "payment_status", required = false) String paymentStatus,
            @RequestParam(name = "doctor_id", required = false) Long doctorId,
            @RequestParam(name = "patient_id", required = false) Long patientId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        return Mono.defer(() -> queries.list(caller, new ConsultationQueries.Filter(status, paymentStatus, doctorId,
                patientId, from, to, paging.page(), paging.size())));
    }

    @Operation(summary = "The signed-in patient's consultations")
    @GetMapping("/api/v1/consultations/me")
    Mono<Page<ConsultationView>> mine(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        caller.require("patient".equals(caller.role()));
        Paging paging = Paging.of(page, size);
        return Mono.defer(() -> queries.list(caller,
                new ConsultationQueries.Filter(status, null, null, null, null, paging.page(), paging.size())));
    }

    @Operation(summary = "Cancel one of the patient's consultations")
    @PostMapping("/api/v1/consultations/me/{id}/cancel")
    Mono<ConsultationView> cancelMine(Caller caller, @PathVariable long id,
            @RequestBody(required = false) ChangeBody body) {
        caller.require("patient".equals(caller.role()));
        return lifecycle.cancel(caller, id, body == null ? null : body.reason());
    }

    @Operation(summary = "Reschedule one of the patient's consultations")
    @PostMapping("/api/v1/consultations/me/{id}/reschedule")
    Mono<ConsultationView> rescheduleMine(Caller caller, @PathVariable long id,
            @RequestBody ChangeBody body) {
        caller.require("patient".equals(caller.role()));
        return lifecycle.reschedule(caller, id, body.scheduledAt());
    }

    /** One consultation for whoever may see it (admin, its doctor, its patient); 404 for anyone else. */
    @Operation(summary = "One consultation")
    @GetMapping("/api/v1/consultations/{id}")
    Mono<ConsultationView> one(Caller caller, @PathVariable long id) {
        return queries.view(caller, id, true);
    }
}
