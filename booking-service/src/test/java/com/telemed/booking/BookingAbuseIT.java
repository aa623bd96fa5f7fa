package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;


import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.testkit.ServiceTest;

/**
 * Public booking cannot be used to keep an agenda full: each email and each client address (the gateway's
 * X-Telemed-Client-Ip) may hold at most two slots awaiting payment at once.
 */
@ServiceTest
class BookingAbuseIT extends BookingTestSupport {

    private long consultations(long doctor) {
        return db.sql("select count(*) as n from consultations where doctor_id = :d").bind("d", doctor)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    private static void assertTooManyHolds(WebTestClient.ResponseSpec spec) {
        assertProblem(spec, 429);
    }

    @Test
    void oneEmailHoldsAtMostTwoSlotsAwaitingPayment() {
        long doctor = doctor("Psicología", "Europe/Madrid");
        String email = email("hoarder");
        Instant[] at = { slot(doctor, 0), slot(doctor, 1), slot(doctor, 2) };
        long first = bookOk(doctor, at[0], email);
        bookOk(doctor, at[1], email);

        WebTestClient.ResponseSpec third = book(bookingBody(doctor, at[2], email));
        third.expectStatus().isEqualTo(429).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(t -> assertThat((String) t).endsWith("too-many-holds"));
        assertThat(consultations(doctor)).isEqualTo(2);
        // Asking again for a slot already held is not one more hold.
        book(bookingBody(doctor, at[0], email)).expectStatus().isOk()
                .expectBody().jsonPath("$.consultation_id").isEqualTo(first);
        // Once one is paid, it no longer counts.
        pay(first);
        awaitStatus(first, "confirmed");
        bookOk(doctor, at[2], email);
    }

    @Test
    void oneClientAddressHoldsAtMostTwoSlotsAwaitingPayment() {
        long doctor = doctor("Psicología", "Europe/Madrid");
        String address = clientIp();
        Instant[] at = { slot(doctor, 0), slot(doctor, 1), slot(doctor, 2) };
        book(bookingBody(doctor, at[0], email("a")), address).expectStatus().isCreated();
        book(bookingBody(doctor, at[1], email("b")), address).expectStatus().isCreated();
        assertTooManyHolds(book(bookingBody(doctor, at[2], email("c")), address));
        assertThat(consultations(doctor)).isEqualTo(2);
        // Another address books as usual.
        book(bookingBody(doctor, at[2], email("c")), clientIp()).expectStatus().isCreated();
    }
}
