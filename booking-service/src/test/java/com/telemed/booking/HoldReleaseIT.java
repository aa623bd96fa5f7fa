package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.events.Topics;
import com.telemed.servicekit.db.DatabaseActivity;
import com.telemed.testkit.ServiceTest;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expired holds give their slots back, whatever else is going on: many at once, a large backlog, a slot listed as
 * free always books, and a request abandoned by its client leaves no transaction behind. Real PostgreSQL and Kafka;
 * the sweeper runs every 2 s here.
 */
@ServiceTest
@TestPropertySource(properties = "telemed.booking.sweep-interval=2s")
class HoldReleaseIT extends BookingTestSupport {

    private static final Logger log = LoggerFactory.getLogger(HoldReleaseIT.class);
    private static final Duration SWEEP = Duration.ofSeconds(2);

    @Autowired
    DatabaseActivity activity;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    Environment env;

    @Test
    void aHundredAndSixtyExpiredHoldsAreReleasedWithinOneSweepAndTheirSlotsBookAgain() {
        long doctor = doctor("Dermatología", "Europe/Madrid");
        Instant from = Instant.now().plus(Duration.ofDays(2));
        List<Instant> slots = freeSlots(doctor, from, from.plus(Duration.ofDays(14))).stream().limit(160)
                .map(Instant::parse).toList();
        assertThat(slots).hasSize(160);
        List<Long> held = slots.stream().map(at -> bookOk(doctor, at, email("hold"))).toList();

        db.sql("update consultations set hold_expires_at = now() - interval '1 second' where doctor_id = :d")
                .bind("d", doctor).fetch().rowsUpdated().block();
        Instant expired = Instant.now();

        await().atMost(SWEEP.multipliedBy(2).plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> pending(doctor) == 0);
        log.info("160 expired holds released {} ms after they expired",
                Duration.between(expired, Instant.now()).toMillis());
        assertThat(held).allSatisfy(id -> {
            assertThat(status(id)).isEqualTo("cancelled");
            assertThat(outbox("consultation.cancelled", id)).hasSize(1);
        });
        assertThat(activity.idleTransactions().block().oldest()).isLessThan(Duration.ofSeconds(2));

        assertThat(slots).allSatisfy(at -> bookOk(doctor, at, email("again")));
    }

    @Test
    void aBacklogOfTwentyThousandExpiredHoldsDrainsAndEachIsAnnouncedOnce() {
        int backlog = 20_000;
        long doctor = doctor("Medicina general", "Europe/Madrid");
        long patient = patientOf(bookOk(doctor, slot(doctor, 0), email("backlog")));
        db.sql("""
                        insert into consultations (patient_id, doctor_id, specialty, scheduled_at, duration_minutes,
                                                   occupied_until, status, amount, currency, hold_expires_at,
                                                   booked_by)
                        select :p, :d, 'Medicina general', t, 30, t + interval '30 minutes', 'pending_payment',
                               4500, 'eur', now() - interval '1 second', 'public'
                          from (select now() + interval '400 days' + g * interval '30 minutes' as t
                                  from generate_series(1, :n) g) s""")
                .bind("p", patient).bind("d", doctor).bind("n", backlog).fetch().rowsUpdated().block();
        Set<String> ids = new HashSet<>(db.sql("""
                        select id::text as id from consultations
                         where doctor_id = :d and scheduled_at > now() + interval '399 days'""")
                .bind("d", doctor).map(r -> r.get("id", String.class)).all().collectList().block());
        assertThat(ids).hasSize(backlog);

        Instant started = Instant.now();
        // Generous limits: a stall never ends, while a slow shared machine only takes longer (the rate is logged).
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> pending(doctor) == 0);
        Duration released = Duration.between(started, Instant.now());
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500))
                .until(() -> unsentCancellations(doctor) == 0);
        Duration relayed = Duration.between(started, Instant.now());
        log.info("Backlog of {} expired holds: released in {} ms ({}/s), their events relayed in {} ms ({}/s)",
                backlog, released.toMillis(), rate(backlog, released), relayed.toMillis(), rate(backlog, relayed));

        assertThat(db.sql("""
                        select count(*) as n, count(distinct aggregate_id) as d from outbox
                         where event_type = 'consultation.cancelled'
                           and aggregate_id in (select id::text from consultations
                                                 where doctor_id = :d and cancel_reason = 'hold_expired')""")
                .bind("d", doctor).map(r -> List.of(r.get("n", Long.class), r.get("d", Long.class))).one().block())
                .containsExactly((long) backlog, (long) backlog);
        Map<String, Integer> published = publishedCancellations(ids, Duration.ofSeconds(90));
        assertThat(published).hasSize(backlog);
        assertThat(published.values()).as("each consultation.cancelled published once").containsOnly(1);
        assertThat(activity.idleTransactions().block().oldest()).isLessThan(Duration.ofSeconds(2));
    }

    /**
     * Property: whatever mix of live, expired, confirmed and cancelled consultations a doctor has, any slot the public
     * listing shows as free books at once (nobody else books here in between). Fixed seed, so a failure repeats.
     */
    @Test
    void anySlotListedAsFreeBooks() {
        Random random = new Random(20_261_204L);
        long doctor = doctor("Pediatría", "Europe/Madrid");
        Instant from = Instant.now().plus(Duration.ofDays(2));
        Instant to = from.plus(Duration.ofDays(3));
        List<Long> live = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            // Change the world at random: some holds run out, one may be paid.
            for (Long id : List.copyOf(live)) {
                int dice = random.nextInt(10);
                if (dice < 3) {
                    expireHold(id);
                    live.remove(id);
                } else if (dice == 3) {
                    db.sql("update consultations set status = 'confirmed', hold_expires_at = null where id = :id")
                            .bind("id", id).fetch().rowsUpdated().block();
                    live.remove(id);
                }
            }
            List<String> free = freeSlots(doctor, from, to);
            assertThat(free).isNotEmpty();
            Instant pick = Instant.parse(free.get(random.nextInt(free.size())));
            long booked = bookOk(doctor, pick, email("prop" + round));
            live.add(booked);
            assertThat(freeSlots(doctor, from, to)).as("a held slot is no longer listed").doesNotContain(pick.toString());
        }
    }

    /**
     * A client that gives up while its booking waits inside a transaction: the request is cancelled, the transaction
     * rolled back (nothing booked), and no session is left idle in a transaction.
     */
    @Test
    void aBookingAbandonedMidFlightRollsBackAndLeavesNoTransactionOpen() throws InterruptedException {
        long doctor = doctor("Neurología", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        String email = email("abandoned");
        Connection blocker = Mono.from(connections.create()).block();
        try {
            // Another transaction holds the table: the booking's insert will wait inside its transaction.
            Mono.from(blocker.beginTransaction()).block();
            Flux.from(blocker.createStatement("lock table consultations in exclusive mode").execute())
                    .flatMap(r -> r.getRowsUpdated()).blockLast();

            Map<String, Object> body = new HashMap<>(bookingBody(doctor, at, email));
            Throwable gaveUp = WebClient.create("http://localhost:" + env.getProperty("local.server.port"))
                    .post().uri("/api/v1/consultations/public/book").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).retrieve().bodyToMono(String.class)
                    .timeout(Duration.ofMillis(1500))
                    .map(answer -> (Throwable) null)
                    .onErrorResume(e -> Mono.just(e)).block();
            assertThat(gaveUp).as("the client gave up while the booking waited").isNotNull();
            Thread.sleep(500);
        } finally {
            Mono.from(blocker.rollbackTransaction()).block();
            Mono.from(blocker.close()).block();
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> activity.idleTransactions().block().sessions() == 0);
        Thread.sleep(1000);
        assertThat(db.sql("select count(*) as n from consultations where doctor_id = :d")
                .bind("d", doctor).map(r -> r.get("n", Long.class)).one().block())
                .as("the abandoned booking was rolled back").isZero();
        assertThat(activity.idleTransactions().block().sessions()).isZero();
        bookOk(doctor, at, email("after"));
    }

    private long pending(long doctor) {
        return db.sql("select count(*) as n from consultations where doctor_id = :d and status = 'pending_payment'"
                        + " and hold_expires_at <= now()")
                .bind("d", doctor).map(r -> r.get("n", Long.class)).one().block();
    }

    private long unsentCancellations(long doctor) {
        return db.sql("""
                        select count(*) as n from outbox
                         where sent_at is null and event_type = 'consultation.cancelled'
                           and aggregate_id in (select id::text from consultations where doctor_id = :d)""")
                .bind("d", doctor).map(r -> r.get("n", Long.class)).one().block();
    }

    /** consultation.cancelled records on Kafka per consultation id among {@code keys}. */
    private static Map<String, Integer> publishedCancellations(Set<String> keys, Duration within) {
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consultationsConsumer(5000)) {
            Instant deadline = Instant.now().plus(within);
            Instant quietUntil = null;
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key()) && record.value().contains("\"consultation.cancelled\"")) {
                        seen.merge(record.key(), 1, Integer::sum);
                    }
                }
                // Once all are in, keep reading a little longer so that a duplicate would be seen too.
                if (seen.size() == keys.size()) {
                    quietUntil = quietUntil == null ? Instant.now().plusSeconds(3) : quietUntil;
                    if (Instant.now().isAfter(quietUntil)) {
                        break;
                    }
                }
            }
        }
        return seen;
    }

    private static long rate(int count, Duration took) {
        return Math.round(count / Math.max(took.toMillis() / 1000.0, 0.001));
    }
}
