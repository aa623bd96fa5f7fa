package com.telemed.payment.stripe;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import com.stripe.Stripe;
import com.telemed.payment.PaymentProperties;
import com.telemed.servicekit.crypto.OneTimeTokens;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded stand-in for Stripe when no {@code STRIPE_SECRET_KEY} is set. Sessions live in
 * {@code sandbox_sessions} and are paid on the sandbox checkout page; what happens there reaches payment-service the
 * way Stripe's news does: Stripe-format events, signed with the webhook secret, POSTed to the webhook URL. Same
 * idempotency as Stripe: a repeated key returns the first answer.
 */
public class SandboxStripe implements StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(SandboxStripe.class);
    private static final SecureRandom RANDOM = OneTimeTokens.random();

    private final DatabaseClient db;
    private final SandboxWebhooks webhooks;
    private final PaymentProperties properties;
    private final Clock clock;

    public SandboxStripe(DatabaseClient db, SandboxWebhooks webhooks, PaymentProperties properties, Clock clock) {
        this.db = db;
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Mono<CreatedSession> createSession(NewSession s) {
        String id = "cs_test_sandbox_" + random(12);
        String intent = "pi_sandbox_" + random(12);
        return db.sql("""
                        insert into sandbox_sessions (session_id, idempotency_key, payment_intent_id, payment_id,
                                                      consultation_id, amount, currency, success_url, cancel_url,
                                                      expires_at)
                        values (:id, :key, :intent, :paymentId, :consultationId, :amount, :currency, :successUrl,
                                :cancelUrl, :expiresAt)
                        on conflict (idempotency_key) do nothing""")
                .bind("id", id)
                .bind("key", s.idempotencyKey())
                .bind("intent", intent)
                .bind("paymentId", s.paymentId())
                .bind("consultationId", s.consultationId())
                .bind("amount", s.amount())
                .bind("currency", s.currency())
                .bind("successUrl", s.successUrl())
                .bind("cancelUrl", s.cancelUrl())
                .bind("expiresAt", s.expiresAt())
                .fetch().rowsUpdated()
                .then(db.sql("select session_id, payment_intent_id from sandbox_sessions where idempotency_key = :key")
                        .bind("key", s.idempotencyKey())
                        .map(row -> new CreatedSession(row.get("session_id", String.class),
                                checkoutUrl(row.get("session_id", String.class)),
                                row.get("payment_intent_id", String.class), null))
                        .one());
    }

    public String checkoutUrl(String sessionId) {
        return properties.publicUrl() + "/dev/checkout/" + sessionId;
    }

    @Override
    public Mono<SessionState> retrieveSession(String sessionId) {
        return find(sessionId).map(SandboxSession::state)
                .switchIfEmpty(Mono.error(() -> new StripeRejected("No such checkout session", null)));
    }

    public Mono<SandboxSession> find(String sessionId) {
        return db.sql("select * from sandbox_sessions where session_id = :id")
                .bind("id", sessionId).map(SandboxStripe::read).one();
    }

    /** The patient paid on the sandbox page: the session completes, and Stripe's two events go out. */
    public Mono<Void> pay(SandboxSession session) {
        Instant now = clock.instant();
        return db.sql("""
                        update sandbox_sessions set status = 'complete', payment_status = 'paid'
                         where session_id = :id and status = 'open'""")
                .bind("id", session.sessionId())
                .fetch().rowsUpdated()
                .then(Mono.defer(() -> {
                    SandboxSession paid = session.with("complete", "paid");
                    return webhooks.send("checkout.session.completed", now, sessionObject(paid))
                            .then(webhooks.send("payment_intent.succeeded", now, intentObject(paid, "succeeded", null)));
                }));
    }

    /** The card was declined: the session stays open, the patient may try again. */
    public Mono<Void> fail(SandboxSession session) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "card_error");
        error.put("code", "card_declined");
        error.put("decline_code", "generic_decline");
        error.put("message", "Your card was declined.");
        return webhooks.send("payment_intent.payment_failed", clock.instant(),
                intentObject(session, "requires_payment_method", error));
    }

    @Override
    public Mono<String> refund(NewRefund r) {
        String id = "re_sandbox_" + random(12);
        return db.sql("select * from sandbox_sessions where payment_intent_id = :intent")
                .bind("intent", r.paymentIntentId()).map(SandboxStripe::read).one()
                .switchIfEmpty(Mono.error(() -> new StripeRejected("No such payment_intent", null)))
                .flatMap(session -> db.sql("""
                                insert into sandbox_refunds (refund_id, idempotency_key, session_id, amount)
                                values (:id, :key, :session, :amount)
                                on conflict (idempotency_key) do nothing""")
                        .bind("id", id).bind("key", r.idempotencyKey()).bind("session", session.sessionId())
                        .bind("amount", r.amount())
                        .fetch().rowsUpdated()
                        .flatMap(inserted -> inserted == 0 ? existingRefund(r.idempotencyKey())
                                : db.sql("""
                                                update sandbox_sessions set amount_refunded = amount_refunded + :amount
                                                 where session_id = :session returning amount_refunded""")
                                        .bind("amount", r.amount()).bind("session", session.sessionId())
                                        .map(row -> row.get("amount_refunded", Long.class)).one()
                                        .doOnNext(total -> announceRefund(session, r, id, total))
                                        .thenReturn(id)));
    }

    private Mono<String> existingRefund(String key) {
        return db.sql("select refund_id from sandbox_refunds where idempotency_key = :key").bind("key", key)
                .map(row -> row.get("refund_id", String.class)).one();
    }

    /**
     * Stripe tells about a refund with {@code charge.refunded} some time after answering the refund call: sent on
     * its own, after the answer, like Stripe's.
     */
    private void announceRefund(SandboxSession session, NewRefund r, String refundId, long totalRefunded) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", refundId);
        refund.put("object", "refund");
        refund.put("amount", r.amount());
        refund.put("currency", session.currency());
        refund.put("payment_intent", session.paymentIntentId());
        refund.put("status", "succeeded");
        refund.put("metadata", Map.of("telemed_refund_id", Long.toString(r.refundId()),
                "payment_id", Long.toString(r.paymentId())));
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", "ch_sandbox_" + session.paymentIntentId().substring("pi_sandbox_".length()));
        charge.put("object", "charge");
        charge.put("amount", session.amount());
        charge.put("amount_refunded", totalRefunded);
        charge.put("currency", session.currency());
        charge.put("payment_intent", session.paymentIntentId());
        charge.put("refunded", totalRefunded >= session.amount());
        charge.put("refunds", Map.of("object", "list", "data", List.of(refund)));
        webhooks.send("charge.refunded", clock.instant(), charge)
                .delaySubscription(java.time.Duration.ofMillis(200))
                .subscribe(null, e -> log.warn("Sandbox could not deliver charge.refunded: {}", e.toString()));
    }

    /** Sessions past their expiry expire, with Stripe's {@code checkout.session.expired}. */
    @Override
    public Mono<Void> housekeeping() {
        return db.sql("""
                        update sandbox_sessions set status = 'expired'
                         where status = 'open' and expires_at <= now()
                        returning *""")
                .map(SandboxStripe::read).all()
                .collectList() // read to the end before calling out: no connection waits on the webhook
                .flatMapIterable(list -> list)
                .concatMap(expired -> webhooks.send("checkout.session.expired", clock.instant(), sessionObject(expired))
                        .onErrorResume(e -> {
                            log.warn("Sandbox could not deliver checkout.session.expired: {}", e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    private static Map<String, Object> sessionObject(SandboxSession s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", s.sessionId());
        o.put("object", "checkout.session");
        o.put("mode", "payment");
        o.put("amount_total", s.amount());
        o.put("currency", s.currency());
        o.put("status", s.status());
        o.put("payment_status", s.paymentStatus());
        o.put("payment_intent", s.paymentIntentId());
        o.put("client_reference_id", Long.toString(s.consultationId()));
        o.put("metadata", s.metadata());
        o.put("livemode", false);
        return o;
    }

    private static Map<String, Object> intentObject(SandboxSession s, String status, Map<String, Object> error) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", s.paymentIntentId());
        o.put("object", "payment_intent");
        o.put("amount", s.amount());
        o.put("amount_received", "succeeded".equals(status) ? s.amount() : 0);
        o.put("currency", s.currency());
        o.put("status", status);
        o.put("metadata", s.metadata());
        o.put("last_payment_error", error);
        o.put("livemode", false);
        return o;
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static SandboxSession read(Readable row) {
        return new SandboxSession(row.get("session_id", String.class), row.get("payment_intent_id", String.class),
                row.get("payment_id", Long.class), row.get("consultation_id", Long.class),
                row.get("amount", Long.class), row.get("currency", String.class),
                row.get("success_url", String.class), row.get("cancel_url", String.class),
                row.get("expires_at", Instant.class), row.get("status", String.class),
                row.get("payment_status", String.class));
    }

    /** One sandbox checkout session. */
    public record SandboxSession(String sessionId, String paymentIntentId, long paymentId, long consultationId,
            long amount, String currency, String successUrl, String cancelUrl, Instant expiresAt, String status,
            String paymentStatus) {

        public boolean open(Instant now) {
            return "open".equals(status) && now.isBefore(expiresAt);
        }

        SandboxSession with(String newStatus, String newPaymentStatus) {
            return new SandboxSession(sessionId, paymentIntentId, paymentId, consultationId, amount, currency,
                    successUrl, cancelUrl, expiresAt, newStatus, newPaymentStatus);
        }

        Map<String, String> metadata() {
            return Map.of("consultation_id", Long.toString(consultationId), "payment_id", Long.toString(paymentId));
        }

        SessionState state() {
            return new SessionState(sessionId, status, paymentStatus, paymentIntentId, amount, currency, metadata());
        }

        /** Stripe replaces this placeholder in the return URLs with the session id; the sandbox does the same. */
        public String returnUrl(String url) {
            return url.replace("{CHECKOUT_SESSION_ID}", sessionId);
        }
    }

    static String apiVersion() {
        return Stripe.API_VERSION;
    }
}
