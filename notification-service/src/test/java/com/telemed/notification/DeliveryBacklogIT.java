package com.telemed.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.notification.delivery.DeliveryWorker;
import com.telemed.notification.message.MessageStore;
import com.telemed.notification.message.NewMessage;
import com.telemed.testkit.ServiceTest;

import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backlog of 10,000 queued emails (as after an outage of SendGrid, or a restart) is sent by the delivery worker
 * with its production settings through the real sendgrid-java client against WireMock: each message exactly
 * once, every row {@code sent} after one attempt. Logs the drain rate (docs/benchmarks.md). Own schema and
 * consumer group.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.db.schema=notification_backlog",
        "telemed.notification.consumer-group=notification-backlog-it",
        "telemed.notification.sendgrid.api-key=SG.backlog-key" })
class DeliveryBacklogIT {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBacklogIT.class);
    private static final int BACKLOG = 10_000;
    /** A drain that sends nothing for this long has stalled (a lost batch waits for its lease, 2 minutes). */
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final WireMockServer SENDGRID = new WireMockServer(options().dynamicPort().containerThreads(48));

    static {
        SENDGRID.start();
        SENDGRID.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(202)));
    }

    @DynamicPropertySource
    static void sendGrid(DynamicPropertyRegistry registry) {
        registry.add("telemed.notification.sendgrid.base-url", () -> "http://localhost:" + SENDGRID.port());
    }

    @AfterAll
    static void stopSendGrid() {
        SENDGRID.stop();
    }

    @Autowired
    MessageStore store;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DatabaseClient db;

    @Test
    void aBacklogOfTenThousandEmailsIsSentOnceEachWithoutAStall() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        worker.stop();
        try {
            Long queued = Flux.range(0, BACKLOG)
                    .flatMap(i -> store.enqueue(message(run, i)), 16)
                    .filter(Boolean::booleanValue)
                    .count().block();
            assertThat(queued).isEqualTo(BACKLOG);
            assertThat(count("queued")).isEqualTo(BACKLOG);
            SENDGRID.resetRequests();
        } finally {
            worker.start();
        }
        long started = System.nanoTime();
        long drainedNanos = awaitDrained(started);
        double seconds = drainedNanos / 1e9;
        log.info("Backlog of {} queued emails: sent in {} ms ({}/s)", BACKLOG, Math.round(seconds * 1000),
                Math.round(BACKLOG / seconds));

        assertThat(count("sent")).as("every message sent").isEqualTo(BACKLOG);
        assertThat(db.sql("select count(*) as n from messages where attempts <> 1")
                .map(row -> row.get("n", Long.class)).one().block()).as("each after one attempt").isZero();
        List<LoggedRequest> sends = SENDGRID.findAll(postRequestedFor(urlEqualTo("/v3/mail/send")));
        assertThat(sends).as("SendGrid was called once per message").hasSize(BACKLOG);
        Map<String, Long> perRecipient = sends.stream()
                .map(r -> JsonMapper.shared().readTree(r.getBodyAsString())
                        .path("personalizations").get(0).path("to").get(0).path("email").asString())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perRecipient).as("every recipient got its message").hasSize(BACKLOG);
        assertThat(perRecipient.values()).as("none twice").allMatch(n -> n == 1);
    }

    /**
     * Until every message of the backlog is sent and none waits; emits the time it took. Fails when the drain makes
     * no progress for {@link #STALL}, however slow the machine, naming the rows left and why they wait.
     */
    private long awaitDrained(long started) throws InterruptedException {
        long sent = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < STALL.toNanos()) {
            long now = count("sent");
            if (now == BACKLOG && count("queued") + count("retrying") == 0) {
                return System.nanoTime() - started;
            }
            if (now != sent) {
                sent = now;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(50);
        }
        long leased = db.sql("select count(*) as n from messages where status = 'queued' and next_attempt_at > now()")
                .map(row -> row.get("n", Long.class)).one().block();
        throw new AssertionError("The backlog stalled (nothing sent for " + STALL + "): " + sent + " sent, "
                + count("queued") + " queued (" + leased + " of them claimed and leased), " + count("retrying")
                + " retrying, " + count("failed") + " failed; see the delivery rounds' warnings in the test's log");
    }

    private long count(String status) {
        return db.sql("select count(*) as n from messages where status = :status").bind("status", status)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static NewMessage message(String run, int i) {
        String to = "backlog-" + run + "-" + i + "@example.test";
        return new NewMessage(UUID.randomUUID(), "password-reset.requested", Instant.now(), "password-reset", to,
                "en", "Reset your password", "Follow the link to choose a new password.",
                "<!DOCTYPE html><p>Follow the link to choose a new password.</p>", List.of());
    }
}
