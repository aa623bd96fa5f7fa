package com.telemed.payment.payments.web;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.payment.payments.AdminRefunds;
import com.telemed.payment.payments.Payment;
import com.telemed.payment.payments.PaymentQueries;
import com.telemed.payment.payments.Refunds;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;
import com.telemed.webkit.ClientIp;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** Every payment, for admins; refunds by hand for those who may change things (admin, medical_admin). */
@RestController
class AdminPaymentsController {

    private final PaymentQueries queries;
    private final AdminRefunds refunds;

    AdminPaymentsController(PaymentQueries queries, AdminRefunds refunds) {
        this.queries = queries;
        this.refunds = refunds;
    }

    @Operation(summary = "List payments")
    @GetMapping("/api/v1/payments/admin/payments")
    Mono<Page<PaymentQueries.AdminPayment>> list(Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(name = "doctor_id", required = false) Long doctorId,
            @RequestParam(name = "consultation_id", required = false) Long consultationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        caller.require(caller.isAdmin());
        if (status != null && !Payment.STATUSES.contains(status)) {
            throw ApiException.badRequest("validation", "Unknown status");
        }
        return queries.all(status, doctorId, consultationId, Paging.of(page, size));
    }

    record RefundBody(Long amount, String reason) {
    }

    record RefundAnswer(long refundId, long paymentId, long amount, String status, String reason, Instant createdAt) {
    }

    @Operation(summary = "Refund a payment")
    @PostMapping("/api/v1/payments/admin/payments/{id}/refund")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<RefundAnswer> refund(Caller caller, @PathVariable long id, @RequestBody RefundBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            ServerHttpRequest request) {
        caller.require(caller.canAdminWrite());
        return refunds.refund(new AdminRefunds.Request(id, body.amount(), body.reason(), idempotencyKey,
                        caller.id(), caller.role(), ClientIp.of(request)))
                .map(AdminPaymentsController::answer);
    }

    private static RefundAnswer answer(Refunds.Refund r) {
        return new RefundAnswer(r.id(), r.paymentId(), r.amount(), r.status(), r.reason(), r.createdAt());
    }
}
