package com.telemed.payment.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.payment.consultations.ConsultationProjection;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * An admin gives money back, in full or in part. The request is idempotent: the same {@code Idempotency-Key} (or,
 * without one, the same amount and reason) finds the refund it already made. Audited in the same transaction.
 */
@Component
public class AdminRefunds {

    private final PaymentStore payments;
    private final Refunds refunds;
    private final ConsultationProjection consultations;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    public AdminRefunds(PaymentStore payments, Refunds refunds, ConsultationProjection consultations, AuditLog audit,
            TransactionalOperator tx) {
        this.payments = payments;
        this.refunds = refunds;
        this.consultations = consultations;
        this.audit = audit;
        this.tx = tx;
    }

    /** @param amount null for everything that is left */
    public record Request(long paymentId, Long amount, String reason, String idempotencyKey, String actor,
            String actorRole, String clientIp) {
    }

    public Mono<Refunds.Refund> refund(Request r) {
        if (r.reason() == null || r.reason().isBlank() || r.reason().length() > 200) {
            return Mono.error(ApiException.badRequest("validation", "reason is required (at most 200 characters)"));
        }
        if (r.amount() != null && r.amount() <= 0) {
            return Mono.error(ApiException.badRequest("validation", "amount must be positive"));
        }
        String key = "admin:" + (r.idempotencyKey() == null || r.idempotencyKey().isBlank()
                ? digest((r.amount() == null ? "full" : r.amount().toString()) + "|" + r.reason().trim())
                : digest(r.idempotencyKey().trim()));
        Mono<Refunds.Refund> work = payments.lockById(r.paymentId())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment")))
                .flatMap(p -> refunds.byRequestKey(p.id(), key)
                        .switchIfEmpty(Mono.defer(() -> newRefund(p, r, key))));
        return tx.transactional(work);
    }

    private Mono<Refunds.Refund> newRefund(Payment p, Request r, String key) {
        if (!p.paid()) {
            return Mono.error(ApiException.conflict("not-refundable", "Only a paid payment can be refunded"));
        }
        return refunds.refundable(p).flatMap(left -> {
            if (left <= 0) {
                return Mono.error(ApiException.conflict("not-refundable", "Nothing is left to refund on this payment"));
            }
            long amount = r.amount() == null ? left : r.amount();
            if (amount > left) {
                return Mono.error(ApiException.unprocessable("amount-too-high",
                        "At most " + left + " can still be refunded"));
            }
            return consultations.find(p.consultationId())
                    .flatMap(c -> audit.record(AuditEntry.success(r.actor(), r.actorRole(), c.patientId(),
                            "payment:" + p.id(), "refund").from(r.clientIp())))
                    .then(refunds.request(p.id(), amount, "admin_refund", key, r.reason().trim()));
        });
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
