package com.telemed.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.servicekit.db.Contention;
import com.telemed.servicekit.db.DatabaseActivity;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestClients;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The kit's database settings on a real PostgreSQL: sessions named after the service, a server-side end to
 * transactions left idle, idle transactions reported, and an exhausted pool answered with 503 + Retry-After.
 */
@ServiceTest
class DatabaseIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    DatabaseActivity activity;

    @Test
    void sessionsCarryTheServiceNameAndTheIdleTransactionLimit() {
        assertThat(db.sql("select current_setting('application_name') as app").map(r -> r.get("app", String.class))
                .one().block()).isEqualTo("kit-test");
        assertThat(db.sql("select current_setting('idle_in_transaction_session_timeout') as t")
                .map(r -> r.get("t", String.class)).one().block()).isEqualTo("3s");
    }

    @Test
    void aTransactionLeftIdleIsReportedAndThenEndedByTheServerWithItsLocks() throws InterruptedException {
        Connection stuck = Mono.from(connections.create()).block();
        try {
            Mono.from(stuck.beginTransaction()).block();
            Flux.from(stuck.createStatement("select 1").execute()).flatMap(r -> r.map((row, m) -> 1)).blockLast();
            // Reported while it waits, with its age; polled rather than slept so that a slow machine cannot
            // step over the 1-3 s window (the limit of these tests is 3 s).
            Duration oldestSeen = Duration.ZERO;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            DatabaseActivity.IdleTransactions idle = activity.idleTransactions().block();
            assertThat(idle.sessions()).as("the idle transaction is reported").isGreaterThanOrEqualTo(1);
            while (idle.sessions() > 0 && System.nanoTime() < deadline) {
                oldestSeen = idle.oldest().compareTo(oldestSeen) > 0 ? idle.oldest() : oldestSeen;
                Thread.sleep(200);
                idle = activity.idleTransactions().block();
            }
            assertThat(idle.sessions()).as("PostgreSQL ended the idle transaction's session").isZero();
            assertThat(oldestSeen).as("its age was reported as it grew").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThatThrownBy(() -> Flux.from(stuck.createStatement("select 1").execute())
                    .flatMap(r -> r.map((row, m) -> 1)).blockLast(Duration.ofSeconds(5)))
                    .as("the server ended the idle transaction's session").isNotNull();
        } finally {
            Mono.from(stuck.close()).onErrorResume(e -> Mono.empty()).block();
        }
    }

    @Test
    void anExhaustedPoolIsA503WithRetryAfterNotA500() {
        // The pool has 4 connections and waits 500 ms for one: 4 slow queries hold them all.
        Flux<Integer> running = Flux.merge(IntStream.range(0, 4)
                .mapToObj(i -> Mono.fromCallable(() -> TestClients.bindToServer(baseUrl())
                                .responseTimeout(Duration.ofSeconds(10)).build()
                                .get().uri("/open/slow-query?seconds=3").exchange()
                                .expectBody(String.class).returnResult().getStatus().value())
                        .subscribeOn(Schedulers.boundedElastic()))
                .toList());
        var all = running.collectList().toFuture();
        await(Duration.ofMillis(800));

        web.get().uri("/open/slow-query?seconds=0").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503).jsonPath("$.trace").doesNotExist();
        assertThat(all.join()).as("the slow queries themselves completed").containsOnly(200);
    }

    @Autowired
    Environment env;

    private String baseUrl() {
        return "http://localhost:" + env.getProperty("local.server.port");
    }

    private static void await(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoTransactionsThatDeadlockBothCompleteWhenRetried() {
        db.sql("create table if not exists contention_test (id int primary key, n int not null)").then().block();
        db.sql("truncate contention_test").then().block();
        db.sql("insert into contention_test values (1, 0), (2, 0)").then().block();
        TransactionalOperator tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));

        // Each takes one row, waits for the other to take the other, then wants the other's: PostgreSQL aborts
        // one of them with SQLSTATE 40P01; run again, it waits for the winner and completes.
        Mono<Void> oneThenTwo = crossing(tx, 1, 2);
        Mono<Void> twoThenOne = crossing(tx, 2, 1);
        Mono.when(oneThenTwo.transform(Contention.retried()), twoThenOne.transform(Contention.retried()))
                .block(Duration.ofSeconds(30));

        assertThat(db.sql("select sum(n) as total from contention_test").map(r -> r.get("total", Long.class)).one()
                .block()).as("both transactions wrote both rows exactly once").isEqualTo(4L);
    }

    @Test
    void withoutTheRetryOneOfTheDeadlockedTransactionsFails() {
        db.sql("create table if not exists contention_test (id int primary key, n int not null)").then().block();
        db.sql("truncate contention_test").then().block();
        db.sql("insert into contention_test values (1, 0), (2, 0)").then().block();
        TransactionalOperator tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));

        assertThatThrownBy(() -> Mono.when(crossing(tx, 1, 2), crossing(tx, 2, 1)).block(Duration.ofSeconds(30)))
                .matches(Contention::lostToAnotherTransaction, "a deadlock (40P01)");
    }

    private Mono<Void> crossing(TransactionalOperator tx, int first, int second) {
        return tx.transactional(db.sql("update contention_test set n = n + 1 where id = :id").bind("id", first)
                .then()
                .then(db.sql("select pg_sleep(0.3)").then())
                .then(db.sql("update contention_test set n = n + 1 where id = :id").bind("id", second).then()));
    }
}
