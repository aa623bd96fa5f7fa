package com.telemed.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.telemed.notification.EventFeed.email;
import static com.telemed.notification.EventFeed.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.EventEnvelope;
import com.telemed.events.PasswordResetRequested;
import com.telemed.events.Topics;
import com.telemed.notification.NotificationProperties;
import com.telemed.notification.delivery.DeliverySignal;
import com.telemed.notification.delivery.DeliveryWorker;
import com.telemed.notification.delivery.MailSender;
import com.telemed.notification.message.MessageStore;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery through the real sendgrid-java client against WireMock standing in for SendGrid's v3 API: the request
 * it sends, retries on 429 (honouring Retry-After), 5xx and timeouts, no retry on a 400, the circuit breaker, and
 * queued messages going out after a restart of the worker. Own schema and consumer group, so that it does not
 * share a queue with the other test contexts.
 */
@ServiceTest
@TestPropertySource(properties = {
        "telemed.db.schema=notification_sendgrid",
        "telemed.notification.consumer-group=notification-sendgrid-it",
        "telemed.notification.sendgrid.api-key=SG.test-key",
        "telemed.notification.sendgrid.from-email=notify@telemed.test",
        "telemed.notification.sendgrid.read-timeout=1s",
        "telemed.notification.delivery.poll-interval=100ms",
        "telemed.notification.delivery.initial-backoff=300ms",
        "telemed.notification.delivery.max-backoff=2s",
        "telemed.notification.delivery.breaker-window=6",
        "telemed.notification.delivery.breaker-minimum-calls=6",
        "telemed.notification.delivery.breaker-open-for=2s" })
class SendGridDeliveryIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final WireMockServer SENDGRID = new WireMockServer(options().dynamicPort());

    static {
        SENDGRID.start();
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
    KafkaTemplate<String, String> kafka;

    @Autowired
    EventSeal seal;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebTestClient web;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    CircuitBreaker breaker;

    EventFeed feed;

    @BeforeEach
    void setUp() {
        feed = new EventFeed(kafka);
    }

    @Test
    void sendsTheBookingConfirmationAsSendGridExpectsIt() {
        String patient = email("sg-patient");
        accept(patient);
        long id = nextId();
        Instant at = Instant.parse("2026-10-25T09:00:00Z"); // 10:00 in Madrid, the day winter time starts
        feed.publish(Topics.CONSULTATIONS, id, new ConsultationBooked(id, 7, nextId(), "Medicina general", at, 30,
                4500, "eur", Instant.now().plusSeconds(600),
                seal.seal("consultation.booked", "sealed_patient_email", patient),
                seal.seal("consultation.booked", "sealed_patient_name", "Paula Ruiz"), "en", "Europe/Madrid",
                "Dr. Luis Gil"));
        EventEnvelope confirmed = feed.publish(Topics.CONSULTATIONS, id, new ConsultationConfirmed(id, 7, nextId(),
                "Medicina general", at, 30, 4500, "eur",
                seal.seal("consultation.confirmed", "sealed_patient_email", patient),
                seal.seal("consultation.confirmed", "sealed_patient_name", "Paula Ruiz"), "Dr. Luis Gil", "en",
                "Europe/Madrid", seal.seal("consultation.confirmed", "sealed_manage_token", "mt-1"), "online"));

        LoggedRequest request = awaitRequests(patient, 1).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer SG.test-key");
        JsonNode mail = JsonMapper.shared().readTree(request.getBodyAsString());
        assertThat(mail.path("from").path("email").asString()).isEqualTo("notify@telemed.test");
        assertThat(mail.path("from").path("name").asString()).isEqualTo("Telemed");
        assertThat(mail.path("personalizations").get(0).path("to").get(0).path("email").asString()).isEqualTo(patient);
        assertThat(mail.path("subject").asString()).isEqualTo("Consultation confirmed: Sunday, 25 October 2026, 10:00");
        assertThat(mail.path("content").get(0).path("type").asString()).isEqualTo("text/plain");
        assertThat(mail.path("content").get(0).path("value").asString())
                .contains("Doctor: Dr. Luis Gil").contains("Amount paid: €45.00")
                .contains("http://localhost:8080/reserva/gestionar?id=" + id + "&token=mt-1");
        assertThat(mail.path("content").get(1).path("type").asString()).isEqualTo("text/html");
        assertThat(mail.path("content").get(1).path("value").asString()).startsWith("<!DOCTYPE html>");
        JsonNode attachment = mail.path("attachments").get(0);
        assertThat(attachment.path("filename").asString()).isEqualTo("consultation.ics");
        assertThat(attachment.path("type").asString()).startsWith("text/calendar");
        assertThat(attachment.path("disposition").asString()).isEqualTo("attachment");
        String ics = new String(Base64.getDecoder().decode(attachment.path("content").asString()), StandardCharsets.UTF_8);
        assertThat(ics).contains("DTSTART;TZID=Europe/Madrid:20261025T100000").contains("BEGIN:VTIMEZONE");

        await().atMost(WITHIN).until(() -> "sent".equals(row(confirmed).get("status")));
        assertThat(row(confirmed)).containsEntry("attempts", 1).containsEntry("provider_id", "sg-" + patient);
    }

    @Test
    void aRateLimitedMessageIsSentOnceSendGridLetsItHonouringRetryAfter() {
        String to = email("sg-limited");
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to)).inScenario(to)
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"message\":\"too many requests\"}]}"))
                .willSetStateTo("open"));
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to)).inScenario(to)
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(202)));
        EventEnvelope event = reset(to);

        await().atMost(WITHIN).until(() -> "sent".equals(row(event).get("status")));
        List<LoggedRequest> requests = requests(to);
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).as("Retry-After: 1 is honoured over the 300 ms backoff").isGreaterThanOrEqualTo(950);
        assertThat(row(event)).containsEntry("attempts", 2);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetried() {
        String to = email("sg-flaky");
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to)).inScenario(to)
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("slow"));
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to)).inScenario(to)
                .whenScenarioStateIs("slow").willReturn(aResponse().withStatus(202).withFixedDelay(2500))
                .willSetStateTo("up"));
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to)).inScenario(to)
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(202)));
        EventEnvelope event = reset(to);

        await().atMost(WITHIN).until(() -> "sent".equals(row(event).get("status")));
        assertThat(requests(to)).hasSize(3);
        assertThat(row(event)).containsEntry("attempts", 3);
    }

    @Test
    void aBadRequestIsNotRetriedAndShowsAsFailedUntilAnAdminRetriesIt() throws InterruptedException {
        String to = email("sg-refused");
        String stub = UUID.randomUUID().toString();
        SENDGRID.stubFor(post("/v3/mail/send").withId(UUID.fromString(stub)).withRequestBody(recipient(to))
                .willReturn(aResponse().withStatus(400)
                        .withBody("{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to\"}]}")));
        EventEnvelope event = reset(to);

        await().atMost(WITHIN).until(() -> "failed".equals(row(event).get("status")));
        Thread.sleep(1500);
        assertThat(requests(to)).hasSize(1);
        Map<String, Object> failed = row(event);
        assertThat(failed).containsEntry("attempts", 1);
        assertThat((String) failed.get("last_error")).contains("SendGrid answered 400").contains("valid address");

        long id = (Long) failed.get("id");
        String admin = TestTokens.mint("it_admin", 1);
        web.get().uri("/api/v1/admin/notifications/failed?size=100").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == " + id + ")].status").isEqualTo(List.of("failed"))
                .jsonPath("$.items[?(@.id == " + id + ")].last_error").value(v -> assertThat(v.toString())
                        .contains("SendGrid answered 400"));

        SENDGRID.removeStub(UUID.fromString(stub));
        accept(to);
        web.post().uri("/api/v1/admin/notifications/{id}/retry", id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("queued");
        await().atMost(WITHIN).until(() -> "sent".equals(row(event).get("status")));
        assertThat(requests(to)).hasSize(2);
        Long audited = db.sql("select count(*) as n from audit_log where resource = :r and action = 'retry'")
                .bind("r", "notification:" + id).map(r -> r.get("n", Long.class)).one().block();
        assertThat(audited).isEqualTo(1L);
    }

    @Test
    void messagesQueuedWhileNoWorkerRanAreSentByTheNextOne(@Autowired MessageStore store,
            @Autowired MailSender sender, @Autowired NotificationProperties properties,
            @Autowired DeliverySignal signal, @Autowired MeterRegistry meters) throws InterruptedException {
        String to = email("sg-restart");
        accept(to);
        worker.stop();
        try {
            EventEnvelope event = reset(to);
            await().atMost(WITHIN).until(() -> !row(event).isEmpty());
            Thread.sleep(1000);
            assertThat(row(event)).containsEntry("status", "queued").containsEntry("attempts", 0);
            assertThat(requests(to)).isEmpty();

            // A fresh worker, as after a restart: everything it needs is in the database.
            DeliveryWorker afterRestart = new DeliveryWorker(store, sender, breaker, properties.delivery(), signal,
                    meters);
            afterRestart.start();
            try {
                await().atMost(WITHIN).until(() -> "sent".equals(row(event).get("status")));
            } finally {
                afterRestart.stop();
            }
            assertThat(requests(to)).hasSize(1);
        } finally {
            worker.start();
        }
    }

    @Test
    void theCircuitBreakerStopsCallingAFailingSendGridAndTheQueueResumesAfterwards() {
        // Start from a quiet queue so that only this test's calls count.
        await().atMost(WITHIN).until(() -> waiting() == 0);
        breaker.reset();
        String prefix = "sg-down-" + UUID.randomUUID().toString().substring(0, 6);
        UUID down = UUID.randomUUID();
        SENDGRID.stubFor(post("/v3/mail/send").withId(down)
                .withRequestBody(matchingJsonPath("$.personalizations[0].to[0].email", matching(prefix + "-.*")))
                .willReturn(aResponse().withStatus(503)));
        List<EventEnvelope> events = IntStream.range(0, 10).mapToObj(i -> reset(prefix + "-" + i + "@example.test"))
                .toList();

        await().atMost(WITHIN).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        int callsWhenOpened = requestsMatching(prefix);
        assertThat(callsWhenOpened).isLessThan(10 + 6);
        await().pollDelay(Duration.ofMillis(1200)).atMost(WITHIN).until(() -> true);
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            assertThat(requestsMatching(prefix)).as("no calls while the breaker is open").isEqualTo(callsWhenOpened);
        }
        assertThat(events).allSatisfy(e -> assertThat(row(e).get("status")).isNotEqualTo("failed"));

        SENDGRID.removeStub(down);
        SENDGRID.stubFor(post("/v3/mail/send")
                .withRequestBody(matchingJsonPath("$.personalizations[0].to[0].email", matching(prefix + "-.*")))
                .willReturn(aResponse().withStatus(202)));
        await().atMost(WITHIN).until(() -> events.stream().allMatch(e -> "sent".equals(row(e).get("status"))));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aMessageNoKeyOpensIsFailedWithoutHoldingUpTheQueue() {
        String to = email("sg-after-unreadable");
        accept(to);
        UUID unreadable = UUID.randomUUID();
        db.sql("""
                        insert into messages (event_id, event_type, event_at, template, recipient_index, recipient,
                                              locale, subject, body_text, body_html)
                        values (:eventId, 'password-reset.requested', now(), 'password-reset', 'index',
                                'v1:retired:AAAA', 'es', 'v1:retired:AAAA', 'v1:retired:AAAA', 'v1:retired:AAAA')""")
                .bind("eventId", unreadable).fetch().rowsUpdated().block();
        EventEnvelope after = reset(to);

        await().atMost(WITHIN).until(() -> "sent".equals(row(after).get("status")));
        Map<String, Object> failed = db.sql("select status, last_error from messages where event_id = :id")
                .bind("id", unreadable).fetch().one().block();
        assertThat(failed).containsEntry("status", "failed");
        assertThat((String) failed.get("last_error")).contains("cannot be decrypted");
        web.get().uri("/api/v1/admin/notifications/failed?size=100")
                .headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.last_error =~ /.*cannot be decrypted.*/)].to")
                .isEqualTo(List.of("(cannot be decrypted)"));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private EventEnvelope reset(String to) {
        return feed.publish(Topics.USERS, to, new PasswordResetRequested(nextId(), to, "es",
                seal.seal("password-reset.requested", "sealed_token", "t-" + UUID.randomUUID()),
                Instant.now().plusSeconds(3600)));
    }

    private static void accept(String to) {
        SENDGRID.stubFor(post("/v3/mail/send").withRequestBody(recipient(to))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-" + to)));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern recipient(String to) {
        return matchingJsonPath("$.personalizations[0].to[0].email", equalTo(to));
    }

    private static List<LoggedRequest> requests(String to) {
        return SENDGRID.findAll(postRequestedFor(urlEqualTo("/v3/mail/send")).withRequestBody(recipient(to)));
    }

    private static int requestsMatching(String prefix) {
        return SENDGRID.findAll(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withRequestBody(matchingJsonPath("$.personalizations[0].to[0].email", matching(prefix + "-.*"))))
                .size();
    }

    private static List<LoggedRequest> awaitRequests(String to, int count) {
        await().atMost(WITHIN).until(() -> requests(to).size() >= count);
        return requests(to);
    }

    private Map<String, Object> row(EventEnvelope event) {
        return db.sql("select id, status, attempts, last_error, provider_id from messages where event_id = :id")
                .bind("id", event.eventId()).fetch().first().blockOptional().orElse(Map.of());
    }

    private long waiting() {
        return db.sql("select count(*) as n from messages where status in ('queued', 'retrying')")
                .map(r -> r.get("n", Long.class)).one().block();
    }
}
