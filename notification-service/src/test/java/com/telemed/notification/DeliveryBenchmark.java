package com.telemed.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.PasswordResetRequested;
import com.telemed.events.Topics;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;

/**
 * Benchmark, not a test (its name keeps it out of the normal test run): feeds {@code bench.rate} events a second
 * for {@code bench.seconds} seconds into the real broker while WireMock answers as SendGrid after 50 ms, prints
 * the queue depth every second and the event-to-sent latency percentiles at the end. Run it with
 * {@code notification-service/bench/run.sh}.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.db.schema=notification_bench",
        "telemed.notification.consumer-group=notification-bench",
        "telemed.notification.sendgrid.api-key=SG.bench",
        "logging.level.com.telemed=WARN" })
class DeliveryBenchmark {

    private static final WireMockServer SENDGRID = new WireMockServer(options().dynamicPort()
            .containerThreads(128).asynchronousResponseEnabled(true).asynchronousResponseThreads(64)
            .disableRequestJournal());

    static {
        SENDGRID.start();
        SENDGRID.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(202).withFixedDelay(
                Integer.getInteger("bench.sendgrid-ms", 50))));
    }

    @DynamicPropertySource
    static void sendGrid(DynamicPropertyRegistry registry) {
        registry.add("telemed.notification.sendgrid.base-url", () -> "http://localhost:" + SENDGRID.port());
    }

    @AfterAll
    static void stop() {
        SENDGRID.stop();
    }

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EventSeal seal;

    @Autowired
    DatabaseClient db;

    @Test
    void drainsTheQueueAtTheOfferedRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int total = rate * seconds;
        // Warm the path (JIT, pools, partitions) before measuring.
        Instant warm = Instant.now();
        feed(100, 5, "warm");
        waitDrained(warm, 500, Duration.ofSeconds(90));
        Instant start = Instant.now();

        System.out.printf("%nBENCH offering %d events/s for %d s (%d events), SendGrid stand-in answers in %d ms%n",
                rate, seconds, total, Integer.getInteger("bench.sendgrid-ms", 50));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        List<String> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> {
            Map<String, Object> c = counts(start);
            String line = String.format("BENCH t=%3ds queued=%5s sent=%6s", (System.nanoTime() - t0) / 1_000_000_000L,
                    c.get("waiting"), c.get("sent"));
            samples.add(line);
            System.out.println(line);
        }, 1, 1, TimeUnit.SECONDS);
        feed(rate, seconds, "run");
        boolean drained = waitDrained(start, total, Duration.ofSeconds(120));
        sampler.shutdownNow();
        double drainedAfter = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> latency = db.sql("""
                        select count(*) as n,
                               percentile_cont(0.50) within group (order by extract(epoch from sent_at - event_at)) as p50,
                               percentile_cont(0.95) within group (order by extract(epoch from sent_at - event_at)) as p95,
                               percentile_cont(0.99) within group (order by extract(epoch from sent_at - event_at)) as p99,
                               max(extract(epoch from sent_at - event_at)) as max
                          from messages where status = 'sent' and event_at >= :start""")
                .bind("start", start).fetch().one().block();
        long maxQueued = samples.stream().mapToLong(s -> Long.parseLong(s.replaceAll(".*queued=\\s*(\\d+).*", "$1")))
                .max().orElse(0);
        System.out.printf("BENCH result: %s messages sent, drained=%s after %.1f s; max queued sample %d; "
                + "event-to-sent p50=%.0f ms p95=%.0f ms p99=%.0f ms max=%.0f ms%n", latency.get("n"), drained,
                drainedAfter, maxQueued, ms(latency.get("p50")), ms(latency.get("p95")), ms(latency.get("p99")),
                ms(latency.get("max")));
        assertThat(drained).as("the queue drained").isTrue();
    }

    private void feed(int rate, int seconds, String tag) throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = 1_000_000L / rate;
        String sealed = seal.seal("password-reset.requested", "sealed_token", "bench-token");
        producer.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= total) {
                return;
            }
            String to = tag + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@bench.test";
            EventEnvelope envelope = EventEnvelope.wrap(new PasswordResetRequested(i, to, "es", sealed,
                    Instant.now().plusSeconds(3600)), "bench", Instant.now());
            kafka.send(new ProducerRecord<>(Topics.USERS, String.valueOf(i), EventJson.write(envelope)));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (sent.get() < total) {
            Thread.sleep(50);
        }
        producer.shutdownNow();
        kafka.flush();
    }

    /** Until every offered event became a message and no message waits any more. */
    private boolean waitDrained(Instant since, long expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> c = counts(since);
            if (((Number) c.get("waiting")).longValue() == 0 && ((Number) c.get("sent")).longValue() >= expected) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private Map<String, Object> counts(Instant since) {
        return db.sql("""
                        select count(*) filter (where status in ('queued', 'retrying')) as waiting,
                               count(*) filter (where status = 'sent' and event_at >= :since) as sent
                          from messages""")
                .bind("since", since).fetch().one().block();
    }

    private static double ms(Object seconds) {
        return seconds == null ? Double.NaN : ((Number) seconds).doubleValue() * 1000;
    }
}
