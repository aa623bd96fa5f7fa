package com.telemed.payment.payments.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.payment.payments.PaymentQueries;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** A doctor's payments with totals per period: their own, or any doctor's for an admin ({@code doctor_id}). */
@RestController
class DoctorPaymentsController {

    private static final Set<String> PERIODS = Set.of("day", "week", "month");

    private final PaymentQueries queries;

    DoctorPaymentsController(PaymentQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The doctor's payments and totals by period")
    @GetMapping("/api/v1/payments/doctor/payments")
    Mono<PaymentQueries.DoctorPayments> payments(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "month") String period) {
        long doctor;
        if (caller.isDoctor()) {
            doctor = caller.numericId();
            if (doctorId != null && doctorId != doctor) {
                throw ApiException.forbidden();
            }
        } else if (caller.isAdmin()) {
            if (doctorId == null || doctorId <= 0) {
                throw ApiException.badRequest("validation", "doctor_id is required");
            }
            doctor = doctorId;
        } else {
            throw ApiException.forbidden();
        }
        if (!PERIODS.contains(period)) {
            throw ApiException.badRequest("validation", "period must be day, week or month");
        }
        Instant end = to == null ? Instant.now() : instant("to", to, true);
        Instant start = from == null ? end.atZone(ZoneOffset.UTC).minusMonths(12).toInstant() : instant("from", from, false);
        if (!start.isBefore(end) || ChronoUnit.DAYS.between(start, end) > 3700) {
            throw ApiException.badRequest("validation", "from must be before to, at most ten years apart");
        }
        return queries.ofDoctor(doctor, start, end, period);
    }

    /** An instant, or a date (UTC): {@code to} includes its whole day. */
    static Instant instant(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("validation", field + " must be a date (YYYY-MM-DD) or an instant");
        }
    }
}
