package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A backlog of 1,000 due refunds (as after a day of cancellations while Stripe was away) is worked off by the
 * refund worker through stripe-java against WireMock: one call per refund with its own idempotency key, every
 * refund succeeded, one {@code payment.refunded} each in the outbox. Logs the drain rate (docs/benchmarks.md).
 */
class RefundBacklogIT extends StripeStubbedTest {

    private static final Logger log = LoggerFactory.getLogger(RefundBacklogIT.class);
    private static final int BACKLOG = 1_000;
    private static final Duration WITHIN = Duration.ofSeconds(100);

    @Test
    void aBacklogOfAThousandRefundsIsRefundedOnceEachWithoutAStall() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String intents = "pi_backlog_" + run + "_";
        STRIPE.stubFor(post(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intents))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "re_{{request.headers.Idempotency-Key}}", "object": "refund",
                                 "status": "succeeded", "amount": 4500, "currency": "eur"}""")));
        Long[] consultations = LongStream.range(0, BACKLOG).map(i -> PaymentFixtures.nextId()).boxed()
                .toArray(Long[]::new);

        // Paid consultations, each with a full refund due, committed together.
        long due = db.sql("""
                        with c as (
                            insert into consultations (consultation_id, patient_id, doctor_id, amount, currency,
                                                       scheduled_at, status, cancelled_by, cancelled_at)
                            select id, id, id, 4500, 'eur', now() + interval '3 days', 'cancelled', 'doctor', now()
                              from unnest(:ids::bigint[]) as t(id)
                            returning consultation_id),
                        p as (
                            insert into payments (consultation_id, attempt, amount, currency, status,
                                                  stripe_payment_intent_id, stripe_session_id, success_url,
                                                  cancel_url, expires_at, paid_at)
                            select consultation_id, 1, 4500, 'eur', 'succeeded', :intents || consultation_id,
                                   'cs_backlog_' || consultation_id, 'https://app.telemed.test/ok',
                                   'https://app.telemed.test/ko', now() + interval '1 hour', now()
                              from c
                            returning id)
                        insert into refunds (payment_id, amount, reason)
                        select id, 4500, 'cancelled_by_doctor' from p""")
                .bind("ids", consultations).bind("intents", intents)
                .fetch().rowsUpdated().block();
        assertThat(due).isEqualTo(BACKLOG);
        long started = System.nanoTime();
        long drainedNanos = awaitRefunded(intents, started);
        double seconds = drainedNanos / 1e9;
        log.info("Backlog of {} due refunds: refunded in {} ms ({}/s)", BACKLOG, Math.round(seconds * 1000),
                Math.round(BACKLOG / seconds));

        assertThat(countOf(intents, "r.status = 'succeeded'")).as("every refund succeeded").isEqualTo(BACKLOG);
        assertThat(countOf(intents, "r.attempts = 1")).as("each at the first attempt").isEqualTo(BACKLOG);
        assertThat(countOf(intents, "p.status = 'refunded'")).as("every payment refunded").isEqualTo(BACKLOG);
        List<LoggedRequest> calls = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intents)));
        assertThat(calls).as("one Stripe call per refund").hasSize(BACKLOG);
        Set<String> keys = new HashSet<>();
        calls.forEach(c -> keys.add(c.getHeader("Idempotency-Key")));
        Set<String> expected = new HashSet<>(db.sql("""
                        select 'refund-' || p.id || '-' || r.id as k from refunds r join payments p on p.id = r.payment_id
                         where p.stripe_payment_intent_id like :intents || '%'""")
                .bind("intents", intents).map(row -> row.get("k", String.class)).all().collectList().block());
        assertThat(keys).as("each with its own idempotency key").hasSize(BACKLOG).isEqualTo(expected);
        assertThat(fixtures.count("""
                select count(distinct o.aggregate_id) from outbox o
                 where o.event_type = 'payment.refunded' and o.aggregate_id = any(array(
                       select consultation_id::text from payments where stripe_payment_intent_id like '%s%%'))"""
                .formatted(intents))).as("a payment.refunded for every refund").isEqualTo(BACKLOG);
        assertThat(fixtures.count("""
                select count(*) from outbox o
                 where o.event_type = 'payment.refunded' and o.aggregate_id = any(array(
                       select consultation_id::text from payments where stripe_payment_intent_id like '%s%%'))"""
                .formatted(intents))).as("and only one").isEqualTo(BACKLOG);
    }

    /** Until no refund of the backlog is due any more; emits the time it took. */
    private long awaitRefunded(String intents, long started) throws InterruptedException {
        long deadline = started + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (countOf(intents, "r.status = 'due'") == 0) {
                return System.nanoTime() - started;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The backlog was not refunded within " + WITHIN + ": "
                + countOf(intents, "r.status = 'due'") + " still due");
    }

    private long countOf(String intents, String condition) {
        return db.sql("select count(*) as n from refunds r join payments p on p.id = r.payment_id"
                        + " where p.stripe_payment_intent_id like :intents || '%' and " + condition)
                .bind("intents", intents).map(row -> row.get("n", Long.class)).one().block();
    }
}
