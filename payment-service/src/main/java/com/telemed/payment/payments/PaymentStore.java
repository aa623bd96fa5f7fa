package com.telemed.payment.payments;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code payments} table. Runs in the caller's transaction when there is one. */
@Component
public class PaymentStore {

    static final String COLUMNS = """
            p.id, p.consultation_id, p.attempt, p.amount, p.currency, p.status, p.stripe_session_id,
            p.stripe_payment_intent_id, p.checkout_url, p.success_url, p.cancel_url, p.expires_at, p.paid_at,
            p.failure_reason, p.refund_amount, p.stripe_refund_id, p.refund_reason, p.created_at""";

    private final DatabaseClient db;

    public PaymentStore(DatabaseClient db) {
        this.db = db;
    }

    /** The newest attempt of a consultation. */
    public Mono<Payment> latest(long consultationId) {
        return db.sql("select " + COLUMNS + " from payments p where p.consultation_id = :id order by p.attempt desc limit 1")
                .bind("id", consultationId).map(PaymentStore::read).one();
    }

    public Flux<Payment> ofConsultation(long consultationId) {
        return db.sql("select " + COLUMNS + " from payments p where p.consultation_id = :id order by p.attempt")
                .bind("id", consultationId).map(PaymentStore::read).all();
    }

    public Mono<Payment> byId(long id) {
        return db.sql("select " + COLUMNS + " from payments p where p.id = :id").bind("id", id)
                .map(PaymentStore::read).one();
    }

    public Mono<Payment> lockById(long id) {
        return db.sql("select " + COLUMNS + " from payments p where p.id = :id for update").bind("id", id)
                .map(PaymentStore::read).one();
    }

    public Mono<Payment> bySession(String sessionId) {
        return db.sql("select " + COLUMNS + " from payments p where p.stripe_session_id = :s").bind("s", sessionId)
                .map(PaymentStore::read).one();
    }

    public Mono<Payment> byIntent(String intentId) {
        return db.sql("select " + COLUMNS + " from payments p where p.stripe_payment_intent_id = :i limit 1")
                .bind("i", intentId).map(PaymentStore::read).one();
    }

    /** A new attempt in state creating; emits empty if another request took that attempt number first. */
    public Mono<Payment> insertCreating(long consultationId, int attempt, long amount, String currency,
            String successUrl, String cancelUrl, Instant expiresAt) {
        return db.sql("""
                        insert into payments (consultation_id, attempt, amount, currency, success_url, cancel_url,
                                              expires_at)
                        values (:consultationId, :attempt, :amount, :currency, :successUrl, :cancelUrl, :expiresAt)
                        on conflict on constraint payments_attempt_once do nothing
                        returning id""")
                .bind("consultationId", consultationId)
                .bind("attempt", attempt)
                .bind("amount", amount)
                .bind("currency", currency)
                .bind("successUrl", successUrl)
                .bind("cancelUrl", cancelUrl)
                .bind("expiresAt", expiresAt)
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(this::byId);
    }

    public Mono<Void> abandon(long id) {
        return db.sql("update payments set status = 'abandoned', updated_at = now() where id = :id and status = 'creating'")
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /** Stripe created the session: the attempt is now pending payment. */
    public Mono<Payment> opened(long id, String sessionId, String url, String intentId, String customerId) {
        return db.sql("""
                        update payments set status = 'pending', stripe_session_id = :session, checkout_url = :url,
                               stripe_payment_intent_id = coalesce(stripe_payment_intent_id, :intent),
                               stripe_customer_id = :customer, updated_at = now()
                         where id = :id and status = 'creating'""")
                .bind("id", id)
                .bind("session", sessionId)
                .bind("url", url)
                .bind("intent", Sql.text(intentId))
                .bind("customer", Sql.text(customerId))
                .fetch().rowsUpdated()
                .then(byId(id));
    }

    public Mono<Void> succeeded(long id, Instant paidAt, String intentId) {
        return db.sql("""
                        update payments set status = 'succeeded', paid_at = :paidAt, failure_reason = null,
                               stripe_payment_intent_id = coalesce(:intent, stripe_payment_intent_id), updated_at = now()
                         where id = :id""")
                .bind("id", id).bind("paidAt", paidAt).bind("intent", Sql.text(intentId))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> setStatus(long id, String status, String reason) {
        return db.sql("update payments set status = :status, failure_reason = :reason, updated_at = now() where id = :id")
                .bind("id", id).bind("status", status).bind("reason", Sql.text(reason))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> flag(long id, String flag) {
        return db.sql("update payments set flag = :flag, updated_at = now() where id = :id")
                .bind("id", id).bind("flag", flag).fetch().rowsUpdated().then();
    }

    public Mono<Void> linkIntent(long id, String intentId) {
        if (intentId == null || intentId.isBlank()) {
            return Mono.empty();
        }
        return db.sql("update payments set stripe_payment_intent_id = :intent where id = :id and stripe_payment_intent_id is null")
                .bind("id", id).bind("intent", intentId).fetch().rowsUpdated().then();
    }

    /** Adds a refund that went through; the status follows what is left. */
    public Mono<Payment> refunded(long id, long amount, String stripeRefundId, String reason) {
        return db.sql("""
                        update payments set refund_amount = refund_amount + :amount,
                               stripe_refund_id = coalesce(:refundId, stripe_refund_id),
                               refund_reason = :reason,
                               status = case when refund_amount + :amount >= amount then 'refunded'
                                             else 'partially_refunded' end,
                               updated_at = now()
                         where id = :id""")
                .bind("id", id).bind("amount", amount).bind("refundId", Sql.text(stripeRefundId)).bind("reason", reason)
                .fetch().rowsUpdated().then(byId(id));
    }

    public Mono<Void> noRefund(long id, String reason) {
        return db.sql("update payments set refund_reason = :reason, updated_at = now() where id = :id")
                .bind("id", id).bind("reason", reason).fetch().rowsUpdated().then();
    }

    /** Pending attempts the reconciler compares with Stripe. */
    public Flux<Payment> toReconcile(Instant youngerThan, Instant olderThan, int limit) {
        return db.sql("select " + COLUMNS + """
                         from payments p
                        where p.status in ('pending', 'failed') and p.stripe_session_id is not null
                          and p.created_at > :from and p.created_at < :to
                        order by p.created_at limit :limit""")
                .bind("from", youngerThan).bind("to", olderThan).bind("limit", limit)
                .map(PaymentStore::read).all();
    }

    static Payment read(Readable row) {
        return new Payment(row.get("id", Long.class), row.get("consultation_id", Long.class),
                row.get("attempt", Integer.class), row.get("amount", Long.class), row.get("currency", String.class),
                row.get("status", String.class), row.get("stripe_session_id", String.class),
                row.get("stripe_payment_intent_id", String.class), row.get("checkout_url", String.class),
                row.get("success_url", String.class), row.get("cancel_url", String.class),
                row.get("expires_at", Instant.class), row.get("paid_at", Instant.class),
                row.get("failure_reason", String.class), row.get("refund_amount", Long.class),
                row.get("stripe_refund_id", String.class), row.get("refund_reason", String.class),
                row.get("created_at", Instant.class));
    }
}
