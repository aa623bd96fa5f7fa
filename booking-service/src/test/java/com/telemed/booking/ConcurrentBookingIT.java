package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.testkit.ServiceTest;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * 200 patients press "book" on the same slot at the same moment, straight at the service (no gateway, so no
 * per-IP rate limit): exactly one wins and 199 hear 409, round after round.
 */
@ServiceTest
class ConcurrentBookingIT extends BookingTestSupport {

    private static final int CONCURRENT = 200;
    private static final int ROUNDS = 3;

    @Value("${local.server.port}")
    int port;

    @Test
    void twoHundredConcurrentBookingsOfOneSlotCreateExactlyOne() {
        long doctor = doctor("Cardiología", "Europe/Madrid");
        ConnectionProvider connections = ConnectionProvider.builder("concurrent-booking")
                .maxConnections(CONCURRENT).pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Instant at = slot(doctor, round);
                List<Integer> statuses = Flux.range(0, CONCURRENT)
                        .flatMap(i -> client.post().uri("/api/v1/consultations/public/book")
                                .header(com.telemed.webkit.ClientIp.HEADER, clientIp())
                                .bodyValue(bookingBody(doctor, at, email("race" + i)))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())), CONCURRENT)
                        .collectList()
                        .block(Duration.ofSeconds(60));

                assertThat(statuses).hasSize(CONCURRENT);
                java.util.Map<Integer, Long> byStatus = statuses.stream().collect(
                        java.util.stream.Collectors.groupingBy(s -> s, java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()));
                assertThat(statuses.stream().filter(s -> s == 201).count()).as("round %d created, statuses %s", round, byStatus).isEqualTo(1);
                assertThat(statuses.stream().filter(s -> s == 409).count()).as("round %d conflicts, statuses %s", round, byStatus)
                        .isEqualTo(CONCURRENT - 1);
                long held = db.sql("select count(*) as n from consultations where doctor_id = :d and scheduled_at = :at")
                        .bind("d", doctor).bind("at", at.atOffset(java.time.ZoneOffset.UTC))
                        .map(r -> r.get("n", Long.class)).one().block();
                assertThat(held).isEqualTo(1);
            }
            // The losers left no patient behind: one patient per round.
            long patients = db.sql("""
                            select count(distinct patient_id) as n from consultations where doctor_id = :d""")
                    .bind("d", doctor).map(r -> r.get("n", Long.class)).one().block();
            assertThat(patients).isEqualTo(ROUNDS);
        } finally {
            connections.dispose();
        }
    }

}
