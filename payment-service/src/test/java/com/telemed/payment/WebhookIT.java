package com.telemed.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.telemed.payment.payments.Reconciler;
import com.telemed.testkit.StripeSignatures;

/**
 * The signed webhook end to end: signature and tolerance, deduplication, every handled type in any order, the
 * late-payment rule, and the reconciler repairing a webhook that never came. Events are read back from Kafka.
 */
class WebhookIT extends StripeStubbedTest {

    @Autowired
    Reconciler reconciler;

    @Test
    void aPaidSessionConfirmsOnceEvenWhenStripeDeliversItThreeTimes() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        String event = paid(o, "pi_" + o.booked().consultationId());

        for (int i = 0; i < 3; i++) {
            deliver(event).expectStatus().isOk().expectBody().jsonPath("$.received").isEqualTo(true);
        }

        assertThat(status(o.paymentId())).isEqualTo("succeeded");
        assertThat(fixtures.count("select count(*) from stripe_events where payment_id = " + o.paymentId())).isEqualTo(1);
        assertThat(fixtures.outboxEvents(o.booked().consultationId(), "payment.confirmed")).isEqualTo(1);
        assertThat(PaymentFixtures.publishedTypes(o.booked().consultationId(), 1)).containsExactly("payment.confirmed");
        assertThat(fixtures.text("select stripe_payment_intent_id from payments where id = " + o.paymentId()))
                .isEqualTo("pi_" + o.booked().consultationId());
    }

    @Test
    void aBadSignatureOrAnOldTimestampIsRefusedAndLeavesNoTrace() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        String event = paid(o, "pi_bad_" + o.booked().consultationId());
        String eventId = event.replaceAll("(?s).*\"id\":\"(evt_test_[0-9a-f]+)\".*", "$1");

        deliver(event, StripeSignatures.header("whsec_someone_else", event)).expectStatus().isBadRequest();
        deliver(event, StripeSignatures.header(SECRET, event, Instant.now().minusSeconds(301)))
                .expectStatus().isBadRequest();
        deliver(event, "t=" + Instant.now().getEpochSecond() + ",v1=00ff").expectStatus().isBadRequest();
        web.post().uri("/api/v1/payments/webhook").bodyValue(event).exchange().expectStatus().isBadRequest();
        deliver(event.replace("4500", "1"), StripeSignatures.header(SECRET, event)).expectStatus().isBadRequest();

        assertThat(fixtures.count("select count(*) from stripe_events where event_id = '" + eventId + "'")).isZero();
        assertThat(status(o.paymentId())).isEqualTo("pending");
        assertThat(fixtures.outboxEvents(o.booked().consultationId(), "payment.confirmed")).isZero();
    }

    @Test
    void duringARotationOneValidV1AmongSeveralIsEnough() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        String event = paid(o, "pi_rot_" + o.booked().consultationId());
        long t = Instant.now().getEpochSecond();
        String header = "t=" + t + ",v1=" + StripeSignatures.hmac("whsec_retired", t + "." + event) + ",v1="
                + StripeSignatures.hmac(OLD_SECRET, t + "." + event);
        deliver(event, header).expectStatus().isOk();
        assertThat(status(o.paymentId())).isEqualTo("succeeded");
    }

    @Test
    void anIntentThatSucceedsBeforeItsSessionCompletesConfirmsOnce() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        String intent = "pi_first_" + c;
        deliver(PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "payment_intent.succeeded", Instant.now(),
                PaymentFixtures.intent(intent, c, o.paymentId(), 4500, "succeeded"))).expectStatus().isOk();
        deliver(paid(o, intent)).expectStatus().isOk();

        assertThat(fixtures.outboxEvents(c, "payment.confirmed")).isEqualTo(1);
        assertThat(PaymentFixtures.publishedTypes(c, 1)).containsExactly("payment.confirmed");
    }

    @Test
    void aFailedPaymentIsNotConfirmedAndALaterSuccessOnTheSameSessionIs() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        String intent = "pi_fail_" + c;
        deliver(PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "payment_intent.payment_failed", Instant.now(),
                PaymentFixtures.intent(intent, c, o.paymentId(), 4500, "requires_payment_method")))
                .expectStatus().isOk();

        assertThat(status(o.paymentId())).isEqualTo("failed");
        assertThat(fixtures.text("select failure_reason from payments where id = " + o.paymentId()))
                .isEqualTo("insufficient_funds");
        assertThat(fixtures.outboxEvents(c, "payment.confirmed")).isZero();
        assertThat(PaymentFixtures.publishedTypes(c, 1)).containsExactly("payment.failed");

        // The session is still open: asking again answers it, and paying it now confirms.
        openCheckout(c, checkoutToken(c)).expectStatus().isOk().expectBody().jsonPath("$.session_id")
                .isEqualTo(o.sessionId());
        deliver(paid(o, intent)).expectStatus().isOk();
        assertThat(PaymentFixtures.publishedTypes(c, 2)).containsExactly("payment.failed", "payment.confirmed");
    }

    @Test
    void anExpiredSessionFailsThePaymentWithReasonExpired() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        deliver(PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.expired", Instant.now(),
                PaymentFixtures.session(o.sessionId(), null, c, o.paymentId(), 4500, "unpaid", "expired")))
                .expectStatus().isOk();
        assertThat(status(o.paymentId())).isEqualTo("expired");
        assertThat(fixtures.count("select count(*) from outbox where aggregate_id = '" + c
                + "' and event_type = 'payment.failed' and payload->'data'->>'reason' = 'expired'")).isEqualTo(1);
    }

    @Test
    void aPaymentAfterTheHoldExpiredIsRefundedInFullAndNeverConfirmed() {
        Opened o = bookAndOpen(Duration.ofSeconds(3));
        long c = o.booked().consultationId();
        String intent = "pi_late_" + c;
        stubRefund(intent, "re_late_" + c);
        // Stripe says the money was taken after the hold had ended.
        String late = PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed",
                o.booked().holdExpiresAt().plusSeconds(5),
                PaymentFixtures.session(o.sessionId(), intent, c, o.paymentId(), 4500, "paid", "complete"));
        deliver(late).expectStatus().isOk();

        awaitStatus(o.paymentId(), "refunded");
        STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intent))
                .withRequestBody(containing("amount=4500")));
        List<String> types = PaymentFixtures.publishedTypes(c, 1);
        assertThat(types).containsExactly("payment.refunded");
        assertThat(fixtures.count("select count(*) from outbox where aggregate_id = '" + c
                + "' and payload->'data'->>'reason' = 'late_payment'")).isEqualTo(1);
        assertThat(fixtures.text("select stripe_refund_id from payments where id = " + o.paymentId()))
                .startsWith("re_late_" + c + "_");
    }

    @Test
    void ourRefundAnnouncedByChargeRefundedIsPublishedOnce() {
        Opened o = bookAndOpen(Duration.ofSeconds(3));
        long c = o.booked().consultationId();
        String intent = "pi_echo_" + c;
        stubRefund(intent, "re_echo_" + c);
        deliver(PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed",
                o.booked().holdExpiresAt().plusSeconds(5),
                PaymentFixtures.session(o.sessionId(), intent, c, o.paymentId(), 4500, "paid", "complete")))
                .expectStatus().isOk();
        awaitStatus(o.paymentId(), "refunded");
        long refundId = fixtures.count("select id from refunds where payment_id = " + o.paymentId());
        String stripeRefundId = fixtures.text("select stripe_refund_id from refunds where id = " + refundId);
        String charge = """
                {"id": "ch_%d", "object": "charge", "amount": 4500, "amount_refunded": 4500, "currency": "eur",
                 "payment_intent": "%s", "refunded": true,
                 "refunds": {"object": "list", "data": [{"id": "%s", "object": "refund", "amount": 4500,
                   "status": "succeeded", "metadata": {"telemed_refund_id": "%d"}}]}}""".formatted(c, intent,
                stripeRefundId, refundId);
        String event = "{\"id\":\"" + PaymentFixtures.eventId() + "\",\"object\":\"event\",\"type\":\"charge.refunded\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":" + charge + "}}";
        deliver(event).expectStatus().isOk();

        assertThat(fixtures.outboxEvents(c, "payment.refunded")).isEqualTo(1);
        assertThat(fixtures.count("select refund_amount from payments where id = " + o.paymentId())).isEqualTo(4500);
    }

    @Test
    void aPaymentOfAnotherAmountIsFlaggedAndNotConfirmed() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        deliver(PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed", Instant.now(),
                PaymentFixtures.session(o.sessionId(), "pi_short_" + c, c, o.paymentId(), 100, "paid", "complete")))
                .expectStatus().isOk();
        assertThat(status(o.paymentId())).isEqualTo("pending");
        assertThat(fixtures.text("select flag from payments where id = " + o.paymentId())).isEqualTo("amount_mismatch");
        assertThat(fixtures.outboxEvents(c, "payment.confirmed")).isZero();
    }

    @Test
    void unknownTypesAndUnknownPaymentsAreAcknowledgedAndRecorded() {
        String unknownType = PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "customer.created", Instant.now(),
                java.util.Map.of("id", "cus_1", "object", "customer"));
        deliver(unknownType).expectStatus().isOk();
        String unknownPayment = PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed",
                Instant.now(), PaymentFixtures.session("cs_test_nobody", "pi_nobody", 1, 999_999_999, 4500, "paid",
                        "complete"));
        deliver(unknownPayment).expectStatus().isOk();
        assertThat(fixtures.count("select count(*) from stripe_events where outcome in ('ignored', 'unknown_payment') "
                + "and received_at > now() - interval '1 minute'")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theReconcilerConfirmsAPaymentWhoseWebhookNeverCame() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        stubRetrieve(o.sessionId(), "complete", "paid", "pi_missed_" + c);

        await().atMost(PaymentFixtures.WITHIN).until(() -> {
            reconciler.reconcileOnce().block(Duration.ofSeconds(15));
            return "succeeded".equals(status(o.paymentId()));
        });
        assertThat(fixtures.count("select count(*) from stripe_events where event_id = 'reconcile:" + o.sessionId() + "'"))
                .isEqualTo(1);
        // The real event, arriving at last, changes nothing.
        deliver(paid(o, "pi_missed_" + c)).expectStatus().isOk();
        assertThat(PaymentFixtures.publishedTypes(c, 1)).containsExactly("payment.confirmed");
    }
}
