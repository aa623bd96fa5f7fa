package com.telemed.payment.payments;

import java.time.Instant;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Mono;
import org.jspecify.annotations.Nullable;

/** Read models: a checkout's status for the return page, a doctor's payments with totals, the admin listing. */
@Component
public class PaymentQueries {

    private final DatabaseClient db;

    public PaymentQueries(DatabaseClient db) {
        this.db = db;
    }

    /** What the return page may show: no personal data (the session id is the only key, and it is in the URL). */
    public record CheckoutStatus(String sessionId, long consultationId, String paymentStatus,
            String consultationStatus, long amount, String currency, Instant scheduledAt,
            @Nullable Instant holdExpiresAt, @Nullable String doctorName, long refundAmount) {
    }

    public Mono<CheckoutStatus> checkoutStatus(String sessionId) {
        return db.sql("""
                        select p.stripe_session_id, p.consultation_id, p.status, c.status as consultation_status,
                               p.amount, p.currency, c.scheduled_at, c.hold_expires_at, c.doctor_name, p.refund_amount
                          from payments p join consultations c on c.consultation_id = p.consultation_id
                         where p.stripe_session_id = :s""")
                .bind("s", sessionId)
                .map(row -> new CheckoutStatus(row.get("stripe_session_id", String.class),
                        row.get("consultation_id", Long.class), row.get("status", String.class),
                        row.get("consultation_status", String.class), row.get("amount", Long.class),
                        row.get("currency", String.class), row.get("scheduled_at", Instant.class),
                        row.get("hold_expires_at", Instant.class), row.get("doctor_name", String.class),
                        row.get("refund_amount", Long.class)))
                .one();
    }

    public record DoctorPayment(long id, long consultationId, long amount, String currency, String status,
            long refundAmount, @Nullable Instant paidAt, @Nullable Instant scheduledAt) {
    }

    public record Total(String period, String currency, long count, long gross, long refunded, long net) {
    }

    public record DoctorPayments(List<DoctorPayment> payments, List<Total> totals) {
    }

    /** Money a doctor received (paid payments, by payment time) in {@code [from, to)}, with totals per period (UTC). */
    public Mono<DoctorPayments> ofDoctor(long doctorId, Instant from, Instant to, String period) {
        Mono<List<DoctorPayment>> list = db.sql("""
                        select p.id, p.consultation_id, p.amount, p.currency, p.status, p.refund_amount, p.paid_at,
                               c.scheduled_at
                          from payments p join consultations c on c.consultation_id = p.consultation_id
                         where c.doctor_id = :doctor and p.paid_at >= :from and p.paid_at < :to
                         order by p.paid_at desc, p.id desc
                         limit 1000""")
                .bind("doctor", doctorId).bind("from", from).bind("to", to)
                .map(row -> new DoctorPayment(row.get("id", Long.class), row.get("consultation_id", Long.class),
                        row.get("amount", Long.class), row.get("currency", String.class),
                        row.get("status", String.class), row.get("refund_amount", Long.class),
                        row.get("paid_at", Instant.class), row.get("scheduled_at", Instant.class)))
                .all().collectList();
        String format = switch (period) {
            case "day" -> "YYYY-MM-DD";
            case "week" -> "IYYY-\"W\"IW";
            default -> "YYYY-MM";
        };
        Mono<List<Total>> totals = db.sql("""
                        select to_char(date_trunc(:period, p.paid_at at time zone 'UTC'), :format) as period,
                               p.currency, count(*) as n, sum(p.amount) as gross, sum(p.refund_amount) as refunded
                          from payments p join consultations c on c.consultation_id = p.consultation_id
                         where c.doctor_id = :doctor and p.paid_at >= :from and p.paid_at < :to
                         group by 1, 2 order by 1 desc, 2""")
                .bind("period", period).bind("format", format)
                .bind("doctor", doctorId).bind("from", from).bind("to", to)
                .map(row -> {
                    long gross = ((Number) row.get("gross")).longValue();
                    long refunded = ((Number) row.get("refunded")).longValue();
                    return new Total(row.get("period", String.class), row.get("currency", String.class),
                            ((Number) row.get("n")).longValue(), gross, refunded, gross - refunded);
                })
                .all().collectList();
        return Mono.zip(list, totals).map(t -> new DoctorPayments(t.getT1(), t.getT2()));
    }

    public record AdminPayment(long id, long consultationId, long doctorId, long patientId, int attempt, long amount,
            String currency, String status, @Nullable String stripeSessionId, @Nullable String stripePaymentIntentId,
            long refundAmount, @Nullable String stripeRefundId, @Nullable String refundReason,
            @Nullable String failureReason, @Nullable String flag, @Nullable Instant paidAt, Instant createdAt,
            @Nullable Instant scheduledAt) {
    }

    public Mono<Page<AdminPayment>> all(String status, Long doctorId, Long consultationId, Paging paging) {
        String where = "\n" + """
                 where (cast(:status as text) is null or p.status = :status)
                   and (cast(:doctor as bigint) is null or c.doctor_id = :doctor)
                   and (cast(:consultation as bigint) is null or p.consultation_id = :consultation)""";
        Mono<List<AdminPayment>> items = db.sql("""
                        select p.id, p.consultation_id, c.doctor_id, c.patient_id, p.attempt, p.amount, p.currency,
                               p.status, p.stripe_session_id, p.stripe_payment_intent_id, p.refund_amount,
                               p.stripe_refund_id, p.refund_reason, p.failure_reason, p.flag, p.paid_at, p.created_at,
                               c.scheduled_at
                          from payments p join consultations c on c.consultation_id = p.consultation_id""" + where + """

                         order by p.id desc limit :limit offset :offset""")
                .bind("status", Sql.text(status)).bind("doctor", Sql.number(doctorId))
                .bind("consultation", Sql.number(consultationId))
                .bind("limit", paging.size()).bind("offset", paging.offset())
                .map(row -> new AdminPayment(row.get("id", Long.class), row.get("consultation_id", Long.class),
                        row.get("doctor_id", Long.class), row.get("patient_id", Long.class),
                        row.get("attempt", Integer.class), row.get("amount", Long.class),
                        row.get("currency", String.class), row.get("status", String.class),
                        row.get("stripe_session_id", String.class), row.get("stripe_payment_intent_id", String.class),
                        row.get("refund_amount", Long.class), row.get("stripe_refund_id", String.class),
                        row.get("refund_reason", String.class), row.get("failure_reason", String.class),
                        row.get("flag", String.class), row.get("paid_at", Instant.class),
                        row.get("created_at", Instant.class), row.get("scheduled_at", Instant.class)))
                .all().collectList();
        Mono<Long> total = db.sql("select count(*) as n from payments p join consultations c on c.consultation_id = p.consultation_id" + where)
                .bind("status", Sql.text(status)).bind("doctor", Sql.number(doctorId))
                .bind("consultation", Sql.number(consultationId))
                .map(row -> ((Number) row.get("n")).longValue()).one();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), paging, t.getT2()));
    }
}
