package com.telemed.payment.payments;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one verified Stripe event, once: in a single transaction the event id is recorded in
 * {@code stripe_events} (a repeat finds it and does nothing), the payment changes, and the resulting facts go to the
 * outbox. Read as plain JSON, so any API version is understood. Events may come in any order: each handler looks at
 * the payment's current state, not at what came before.
 */
@Component
public class StripeEvents {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final PaymentStore payments;
    private final PaymentOutcomes outcomes;
    private final Refunds refunds;
    private final MeterRegistry meters;

    public StripeEvents(DatabaseClient db, TransactionalOperator tx, PaymentStore payments, PaymentOutcomes outcomes,
            Refunds refunds, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.payments = payments;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.meters = meters;
    }

    /** A body that is not a Stripe event. */
    public static class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses the body (already verified); throws {@link Unreadable} when it has no event id or type. */
    public static JsonNode parse(String body) {
        try {
            JsonNode event = JSON.readTree(body);
            if (text(event, "id") == null || text(event, "type") == null || !event.path("data").has("object")) {
                throw new Unreadable("Not a Stripe event");
            }
            return event;
        } catch (JacksonException e) {
            throw new Unreadable("Not JSON");
        }
    }

    /** Applies the event once; emits its outcome ({@code duplicate} when it was seen before). */
    public Mono<String> apply(JsonNode event) {
        String id = text(event, "id");
        String type = text(event, "type");
        Instant created = Instant.ofEpochSecond(number(event, "created", Instant.now().getEpochSecond()));
        JsonNode object = event.path("data").path("object");
        Mono<String> work = db.sql("""
                        insert into stripe_events (event_id, type, created, outcome) values (:id, :type, :created, 'received')
                        on conflict (event_id) do nothing""")
                .bind("id", id).bind("type", type).bind("created", created)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(new Applied(null, "duplicate"))
                        : handle(type, object, created)
                                .flatMap(applied -> db.sql("""
                                                update stripe_events set payment_id = :payment, outcome = :outcome
                                                 where event_id = :id""")
                                        .bind("id", id).bind("payment", Sql.number(applied.paymentId()))
                                        .bind("outcome", applied.outcome())
                                        .fetch().rowsUpdated().thenReturn(applied)))
                .map(Applied::outcome);
        return tx.transactional(work)
                .doOnNext(outcome -> meters.counter("telemed.payment.webhook.events", "type", metricType(type),
                        "outcome", outcome).increment());
    }

    private record Applied(Long paymentId, String outcome) {
    }

    private Mono<Applied> handle(String type, JsonNode o, Instant created) {
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> sessionPayment(o)
                    .flatMap(p -> "paid".equals(text(o, "payment_status"))
                            ? outcomes.paid(p, number(o, "amount_total", -1), text(o, "currency"),
                                    text(o, "payment_intent"), created).defaultIfEmpty("unknown_consultation")
                                    .map(out -> new Applied(p.id(), out))
                            : payments.linkIntent(p.id(), text(o, "payment_intent"))
                                    .thenReturn(new Applied(p.id(), "awaiting_payment")))
                    .defaultIfEmpty(new Applied(null, "unknown_payment"));
            case "checkout.session.async_payment_failed" -> sessionPayment(o)
                    .flatMap(p -> outcomes.failed(p, "async_payment_failed", created).map(out -> new Applied(p.id(), out)))
                    .defaultIfEmpty(new Applied(null, "unknown_payment"));
            case "checkout.session.expired" -> sessionPayment(o)
                    .flatMap(p -> outcomes.expired(p, created).map(out -> new Applied(p.id(), out)))
                    .defaultIfEmpty(new Applied(null, "unknown_payment"));
            case "payment_intent.succeeded" -> intentPayment(o)
                    .flatMap(p -> outcomes.paid(p, number(o, "amount_received", number(o, "amount", -1)),
                            text(o, "currency"), text(o, "id"), created).defaultIfEmpty("unknown_consultation")
                            .map(out -> new Applied(p.id(), out)))
                    .defaultIfEmpty(new Applied(null, "unknown_payment"));
            case "payment_intent.payment_failed" -> intentPayment(o)
                    .flatMap(p -> payments.linkIntent(p.id(), text(o, "id"))
                            .then(outcomes.failed(p, failureReason(o), created))
                            .map(out -> new Applied(p.id(), out)))
                    .defaultIfEmpty(new Applied(null, "unknown_payment"));
            case "charge.refunded" -> chargeRefunded(o);
            default -> Mono.just(new Applied(null, "ignored"));
        };
    }

    private Mono<Payment> sessionPayment(JsonNode session) {
        String sessionId = text(session, "id");
        return (sessionId == null ? Mono.<Payment>empty() : payments.bySession(sessionId))
                .switchIfEmpty(Mono.defer(() -> byMetadata(session)));
    }

    private Mono<Payment> intentPayment(JsonNode intent) {
        return byMetadata(intent).switchIfEmpty(Mono.defer(() -> {
            String id = text(intent, "id");
            return id == null ? Mono.empty() : payments.byIntent(id);
        }));
    }

    private Mono<Payment> byMetadata(JsonNode object) {
        String paymentId = text(object.path("metadata"), "payment_id");
        if (paymentId == null) {
            return Mono.empty();
        }
        try {
            return payments.byId(Long.parseLong(paymentId));
        } catch (NumberFormatException e) {
            return Mono.empty();
        }
    }

    /**
     * Each refund on the charge: one of ours (its metadata names it) completes if it was still due; one we never
     * asked for (made in Stripe's dashboard) is recorded. Either way {@code payment.refunded} is written once.
     */
    private Mono<Applied> chargeRefunded(JsonNode charge) {
        String intent = text(charge, "payment_intent");
        Mono<Payment> payment = (intent == null ? Mono.<Payment>empty() : payments.byIntent(intent))
                .switchIfEmpty(Mono.defer(() -> byMetadata(charge)));
        return payment.flatMap(p -> {
            JsonNode list = charge.path("refunds").path("data");
            if (!list.isArray()) {
                long total = number(charge, "amount_refunded", 0);
                return refunds.refundable(p).flatMap(left -> {
                    long unknown = total - p.refundAmount() - (p.amount() - p.refundAmount() - left);
                    return unknown > 0 ? refunds.external(p.id(), unknown, null).thenReturn(new Applied(p.id(), "refund_recorded"))
                            : Mono.just(new Applied(p.id(), "refund_known"));
                });
            }
            java.util.List<JsonNode> each = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                each.add(list.get(i));
            }
            return Flux.fromIterable(each)
                    .concatMap(refund -> oneRefund(p, refund))
                    .reduce(false, (a, b) -> a || b)
                    .map(any -> new Applied(p.id(), any ? "refund_recorded" : "refund_known"));
        }).defaultIfEmpty(new Applied(null, "unknown_payment"));
    }

    private Mono<Boolean> oneRefund(Payment p, JsonNode refund) {
        String stripeId = text(refund, "id");
        String ours = text(refund.path("metadata"), "telemed_refund_id");
        if (stripeId == null || "failed".equals(text(refund, "status")) || "canceled".equals(text(refund, "status"))) {
            return Mono.just(false);
        }
        if (ours != null) {
            try {
                return refunds.complete(Long.parseLong(ours), stripeId);
            } catch (NumberFormatException e) {
                return Mono.just(false);
            }
        }
        return refunds.knows(stripeId).flatMap(known -> known ? Mono.just(false)
                : refunds.external(p.id(), number(refund, "amount", 0), stripeId));
    }

    /** The decline code or error code, never the message (it can quote the card holder). */
    private static String failureReason(JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        String code = text(error, "decline_code");
        if (code == null) {
            code = text(error, "code");
        }
        return code == null ? "payment_failed" : code;
    }

    private static String metricType(String type) {
        return switch (type) {
            case "checkout.session.completed", "checkout.session.expired", "checkout.session.async_payment_succeeded",
                    "checkout.session.async_payment_failed", "payment_intent.succeeded",
                    "payment_intent.payment_failed", "charge.refunded" -> type;
            default -> "other";
        };
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    static long number(JsonNode node, String field, long otherwise) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? otherwise : value.asLong();
    }
}
