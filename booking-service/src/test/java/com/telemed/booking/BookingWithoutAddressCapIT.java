package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.telemed.testkit.ServiceTest;

/**
 * A deployment that cannot see client addresses (or a load test from one machine) switches the per-address cap off
 * with 0; the per-email cap still holds.
 */
@ServiceTest
@TestPropertySource(properties = "telemed.booking.max-live-holds-per-client-ip=0")
class BookingWithoutAddressCapIT extends BookingTestSupport {

    @Test
    void zeroLeavesOneAddressUncappedButNotOneEmail() {
        long doctor = doctor("Psicología", "Europe/Madrid");
        String address = clientIp();
        Instant[] at = { slot(doctor, 0), slot(doctor, 1), slot(doctor, 2), slot(doctor, 3) };
        for (int i = 0; i < 3; i++) {
            book(bookingBody(doctor, at[i], email("uncapped-" + i)), address).expectStatus().isCreated();
        }
        String email = email("still-capped");
        book(bookingBody(doctor, at[3], email), address).expectStatus().isCreated();
        long held = db.sql("select count(*) as n from consultations where doctor_id = :d").bind("d", doctor)
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(held).isEqualTo(4);

        long other = doctor("Psicología", "Europe/Madrid");
        book(bookingBody(other, slot(other, 0), email), address).expectStatus().isCreated();
        assertProblem(book(bookingBody(other, slot(other, 1), email), address), 429);
    }
}
