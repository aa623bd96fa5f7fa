package com.telemed.booking.consultations.web;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.security.Caller;
import com.telemed.webkit.ClientIp;
import com.telemed.booking.consultations.BookingAnswer;
import com.telemed.booking.consultations.Booking;
import com.telemed.booking.consultations.BookingRequest;
import com.telemed.booking.consultations.ConsultationQueries;
import com.telemed.booking.consultations.ConsultationView;
import com.telemed.booking.consultations.Lifecycle;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Booking without an account, and the patient's secure link to view, cancel or move a booking. */
@RestController
@RequestMapping("/api/v1/consultations/public")
class PublicBookingController {

    record PublicBookingBody(Long doctorId, String specialty, Instant scheduledAt, String fullName, String email,
            String phone, String reasonForVisit, String locale, String timezone, String captchaToken) {
    }

    record LinkBody(String token, Instant scheduledAt, String reason) {
    }

    record ManagedConsultation(ConsultationView consultation, Instant changeCutoffAt, boolean canCancel,
            boolean canReschedule) {
    }

    private final Booking booking;
    private final Lifecycle lifecycle;
    private final ConsultationQueries queries;

    PublicBookingController(Booking booking, Lifecycle lifecycle, ConsultationQueries queries) {
        this.booking = booking;
        this.lifecycle = lifecycle;
        this.queries = queries;
    }

    @Operation(summary = "Book and hold a consultation without an account", responses = {
            @ApiResponse(responseCode = "201", description = "Booked: held until paid, or confirmed"),
            @ApiResponse(responseCode = "200", description = "The same booking sent again: its answer, nothing new") })
    @PostMapping("/book")
    Mono<ResponseEntity<BookingAnswer>> book(@RequestBody PublicBookingBody body, ServerHttpRequest request) {
        BookingRequest r = new BookingRequest(body.doctorId(), body.specialty(), body.scheduledAt(), null,
                body.fullName(), body.email(), body.phone(), body.reasonForVisit(), body.locale(), body.timezone());
        return booking.bookPublic(r, ClientIp.of(request), body.captchaToken())
                .map(o -> ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK).body(o.answer()));
    }

    @Operation(summary = "A booked consultation, by its manage link")
    @GetMapping("/manage/{id}")
    Mono<ManagedConsultation> view(@PathVariable long id, @RequestParam(required = false) String token) {
        return lifecycle.byManageToken(id, token)
                .flatMap(c -> queries.viewByLink(c).map(v -> managed(v, lifecycle.cutoffOf(c))));
    }

    @Operation(summary = "Cancel a consultation by its manage link")
    @PostMapping("/manage/{id}/cancel")
    Mono<ManagedConsultation> cancel(@PathVariable long id, @RequestBody LinkBody body) {
        return lifecycle.byManageToken(id, body.token())
                .flatMap(c -> lifecycle.cancel(Caller.patientLink(c.patientId()), id, body.reason())
                        .map(v -> managed(v, lifecycle.cutoffOf(c))));
    }

    @Operation(summary = "Reschedule a consultation by its manage link")
    @PostMapping("/manage/{id}/reschedule")
    Mono<ManagedConsultation> reschedule(@PathVariable long id, @RequestBody LinkBody body) {
        if (body.scheduledAt() == null) {
            return Mono.error(ApiException.badRequest("invalid-request", "scheduled_at is required"));
        }
        return lifecycle.byManageToken(id, body.token())
                .flatMap(c -> lifecycle.reschedule(Caller.patientLink(c.patientId()), id, body.scheduledAt())
                        .map(v -> managed(v, v.scheduledAt().minus(java.time.Duration.between(lifecycle.cutoffOf(c),
                                c.scheduledAt())))));
    }

    private static ManagedConsultation managed(ConsultationView v, Instant cutoff) {
        boolean open = Instant.now().isBefore(cutoff)
                && ("confirmed".equals(v.status()) || "pending_payment".equals(v.status()));
        return new ManagedConsultation(v, cutoff, open, open);
    }
}
