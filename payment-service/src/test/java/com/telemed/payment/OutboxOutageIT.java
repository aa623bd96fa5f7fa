package com.telemed.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.testkit.InfrastructureInitializer;
import com.telemed.testkit.StripeSignatures;
import com.telemed.testkit.TestClients;

/**
 * Stripe's webhook must not depend on Kafka: the event is committed to the outbox with the payment, the webhook is
 * answered, and the event reaches Kafka whenever a relay can publish it, once.
 * <p>
 * Simulated here with real application contexts on one database schema of their own: the first instance either
 * has its Kafka producer pointed at an address where no broker listens (the broker is unreachable for it; the
 * shared test broker itself cannot be stopped and restarted) or has no relay running at all (the process dies after
 * committing and before publishing: from the database's point of view the same thing as being killed there). That
 * instance is then closed and a second one, with a working producer, starts on the same database and publishes.
 */
class OutboxOutageIT {

    private static final String SECRET = "whsec_outage_test";
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withKafkaUnreachableTheWebhookIsAnsweredAndTheEventIsPublishedOnceTheBrokerIsBack() {
        ConfigurableApplicationContext cut = start("spring.kafka.producer.bootstrap-servers=127.0.0.1:9",
                "spring.kafka.producer.properties.max.block.ms=300");
        Paid paid = payThroughWebhook(cut);

        DatabaseClient db = cut.getBean(DatabaseClient.class);
        // The relay tried and failed: the event waits in the outbox.
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(db, paid.consultationId()) > 0);
        assertThat(unsent(db, paid.consultationId())).isEqualTo(1);
        cut.close();

        ConfigurableApplicationContext back = start();
        assertThat(PaymentFixtures.publishedTypes(paid.consultationId(), 1)).containsExactly("payment.confirmed");
        DatabaseClient db2 = back.getBean(DatabaseClient.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> unsent(db2, paid.consultationId()) == 0);
    }

    @Test
    void anInstanceThatDiesAfterStoringTheEventAndBeforePublishingItLosesNothing() {
        ConfigurableApplicationContext dies = start("telemed.outbox.relay-enabled=false");
        Paid paid = payThroughWebhook(dies);
        DatabaseClient db = dies.getBean(DatabaseClient.class);
        assertThat(unsent(db, paid.consultationId())).isEqualTo(1);
        assertThat(attempts(db, paid.consultationId())).isZero();
        dies.close();

        start();
        assertThat(PaymentFixtures.publishedTypes(paid.consultationId(), 1)).containsExactly("payment.confirmed");
    }

    private record Paid(long consultationId, long paymentId) {
    }

    /** A pending payment (rows as checkout leaves them), then Stripe's signed news that it was paid. */
    private Paid payThroughWebhook(ConfigurableApplicationContext context) {
        DatabaseClient db = context.getBean(DatabaseClient.class);
        long consultationId = PaymentFixtures.nextId();
        db.sql("""
                        insert into consultations (consultation_id, patient_id, doctor_id, amount, currency, scheduled_at,
                                                   hold_expires_at)
                        values (:id, 1, 2, 4500, 'eur', now() + interval '3 days', now() + interval '1 hour')""")
                .bind("id", consultationId).fetch().rowsUpdated().block(Duration.ofSeconds(5));
        String sessionId = "cs_test_outage_" + consultationId;
        long paymentId = db.sql("""
                        insert into payments (consultation_id, attempt, amount, currency, status, stripe_session_id,
                                              success_url, cancel_url, expires_at)
                        values (:id, 1, 4500, 'eur', 'pending', :session, 'http://localhost:3000/ok',
                                'http://localhost:3000/ko', now() + interval '1 hour')
                        returning id""")
                .bind("id", consultationId).bind("session", sessionId)
                .map(row -> row.get("id", Long.class)).one().block(Duration.ofSeconds(5));
        String event = PaymentFixtures.stripeEvent(PaymentFixtures.eventId(), "checkout.session.completed",
                Instant.now(), PaymentFixtures.session(sessionId, "pi_outage_" + consultationId, consultationId,
                        paymentId, 4500, "paid", "complete"));
        WebTestClient web = TestClients.bindToServer(
                        "http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(10)).build();
        web.post().uri("/api/v1/payments/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", StripeSignatures.header(SECRET, event))
                .bodyValue(event).exchange()
                .expectStatus().isOk();
        return new Paid(consultationId, paymentId);
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "telemed.db.schema=payment_outage",
                "telemed.payments.stripe.webhook-secrets=" + SECRET,
                "telemed.payments.refund.worker-enabled=false",
                "telemed.outbox.initial-backoff=200ms",
                "telemed.outbox.max-backoff=1s",
                // These instances only receive webhooks; booking's events are not theirs to consume.
                "spring.kafka.listener.auto-startup=false"));
        properties.addAll(List.of(extra));
        // As command-line arguments: they win over application.yml, as the environment does in production.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentServiceApplication.class)
                .initializers(new InfrastructureInitializer())
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static long unsent(DatabaseClient db, long consultationId) {
        return db.sql("select count(*) as n from outbox where aggregate_id = :id and sent_at is null")
                .bind("id", Long.toString(consultationId)).map(row -> row.get("n", Long.class)).one()
                .block(Duration.ofSeconds(5));
    }

    private static int attempts(DatabaseClient db, long consultationId) {
        return db.sql("select coalesce(max(attempts), 0) as n from outbox where aggregate_id = :id")
                .bind("id", Long.toString(consultationId)).map(row -> row.get("n", Integer.class)).one()
                .block(Duration.ofSeconds(5));
    }
}
