package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.telemed.booking.consultations.Lifecycle;
import com.telemed.events.CheckoutToken;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class PublicBookingIT extends BookingTestSupport {

    @Autowired
    Lifecycle lifecycle;

    @Autowired
    CryptoKeys keys;

    @Autowired
    EventSeal seal;

    @Test
    void publicBookingHoldsTheSlotAndAnswersTheCheckoutStep() {
        long doctor = doctor("Cardiología", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        String email = email("ana");
        Instant before = Instant.now();

        String[] checkoutToken = new String[1];
        book(bookingBody(doctor, at, email)).expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.consultation_id").isNumber()
                .jsonPath("$.next_step.checkout_token").value(v -> checkoutToken[0] = (String) v)
                .jsonPath("$.status").isEqualTo("pending_payment")
                .jsonPath("$.scheduled_at").isEqualTo(at.toString())
                .jsonPath("$.amount").isEqualTo(4500)
                .jsonPath("$.currency").isEqualTo("eur")
                .jsonPath("$.next_step.type").isEqualTo("checkout")
                .jsonPath("$.hold_expires_at").value(v -> assertThat(Duration.between(before, Instant.parse((String) v)))
                        .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31)));

        long id = db.sql("select c.id from consultations c where doctor_id = :d").bind("d", doctor)
                .map(r -> r.get("id", Long.class)).one().block();
        ConsultationBooked booked = outbox("consultation.booked", id).get(0).dataAs(ConsultationBooked.class);
        assertThat(seal.open("consultation.booked", "sealed_patient_email", booked.sealedPatientEmail()))
                .isEqualTo(email);
        assertThat(seal.open("consultation.booked", "sealed_patient_name", booked.sealedPatientName()))
                .isEqualTo("Ana Paciente");
        assertThat(booked.scheduledAt()).isEqualTo(at);
        assertThat(booked.timezone()).isEqualTo("Europe/Madrid");
        // The checkout token opens, with the shared seal keys, to this consultation only.
        assertThat(seal.open(CheckoutToken.PURPOSE, CheckoutToken.FIELD, checkoutToken[0]))
                .isEqualTo(Long.toString(id));

        // The same person asking again while the hold lives gets the same consultation, not a conflict.
        book(bookingBody(doctor, at, email)).expectStatus().isOk()
                .expectBody().jsonPath("$.consultation_id").isEqualTo(id);
        // Anyone else finds the slot taken.
        assertProblem(book(bookingBody(doctor, at, email("bea"))), 409);
        assertThat(outbox("consultation.booked", id)).hasSize(1);
        assertThat(freeSlots(doctor, at, at.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void aReturningPatientIsFoundByEmailWhateverItsCase() {
        long doctor = doctor("Medicina general", "Europe/Madrid");
        String email = email("carla");
        long first = bookOk(doctor, slot(doctor, 0), email);
        long second = bookOk(doctor, slot(doctor, 1), "  " + email.toUpperCase() + " ");
        assertThat(patientOf(second)).isEqualTo(patientOf(first));
    }

    @Test
    void patientNameEmailAndPhoneAreNotReadableInTheDatabase() {
        long doctor = doctor("Dermatología", "Europe/Madrid");
        String email = email("secreto");
        Map<String, Object> body = bookingBody(doctor, slot(doctor, 0), email);
        body.put("full_name", "Zacarías Confidencial");
        body.put("phone", "+34 611 987 654");
        body.put("reason_for_visit", "Erupción muy privada");
        book(body).expectStatus().isCreated();

        long leaks = db.sql("""
                        select count(*) as n from patients
                         where full_name like '%Zacar%' or email like :email or phone like '%611%'
                            or email_index like :email""")
                .bind("email", "%" + email.substring(0, 10) + "%")
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(leaks).isZero();
        long reasons = db.sql("select count(*) as n from consultations where reason_for_visit like '%privada%'")
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(reasons).isZero();
        Map<String, Object> row = db.sql("""
                        select p.full_name, p.email, p.phone from patients p join consultations c on c.patient_id = p.id
                         where c.doctor_id = :d""").bind("d", doctor).fetch().one().block();
        assertThat(row.values()).allSatisfy(v -> assertThat((String) v).startsWith("v1:"));
        // ...and the service itself reads them back with the key.
        assertThat(keys.cipher(CryptoKeys.PII_KEYS).decrypt((String) row.get("email"), "patients.email")).isEqualTo(email);
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        long doctor = doctor("Traumatología", "Europe/Madrid");
        Instant good = slot(doctor, 0);
        long patientsBefore = count("patients");
        long consultationsBefore = count("consultations");

        Map<String, Object> past = bookingBody(doctor, Instant.now().minus(Duration.ofDays(1)), email("p"));
        assertProblem(book(past), 422);
        assertProblem(book(bookingBody(doctor, good.plus(Duration.ofMinutes(7)), email("p"))), 422);
        Instant night = LocalDate.now(ZoneId.of("Europe/Madrid")).plusDays(4).atTime(22, 0)
                .atZone(ZoneId.of("Europe/Madrid")).toInstant();
        assertProblem(book(bookingBody(doctor, night, email("p"))), 422);
        assertProblem(book(bookingBody(doctor, Instant.now().plus(Duration.ofDays(400)), email("p"))), 422);
        assertProblem(book(bookingBody(987_654_321_000L, good, email("p"))), 404);
        Map<String, Object> badEmail = bookingBody(doctor, good, "not-an-email");
        assertProblem(book(badEmail), 400);
        Map<String, Object> badPhone = bookingBody(doctor, good, email("p"));
        badPhone.put("phone", "call me maybe");
        assertProblem(book(badPhone), 400);
        Map<String, Object> badZone = bookingBody(doctor, good, email("p"));
        badZone.put("timezone", "Mars/Olympus");
        assertProblem(book(badZone), 400);
        Map<String, Object> wrongSpecialty = bookingBody(doctor, good, email("p"));
        wrongSpecialty.put("specialty", "Cardiología");
        assertProblem(book(wrongSpecialty), 422);
        assertProblem(web.post().uri("/api/v1/consultations/public/book")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue("{not json").exchange(), 400);

        assertThat(count("patients")).isEqualTo(patientsBefore);
        assertThat(count("consultations")).isEqualTo(consultationsBefore);
    }

    @Test
    void aBlockedDayOrADayOffHasNoSlotsAndCannotBeBooked() {
        long doctor = doctor("Neurología", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        bookOk(doctor, slot(doctor, 4), email("before")); // the doctor's rules are now cached: the block evicts them
        String token = com.telemed.testkit.TestTokens.mint("specialist", doctor);
        web.post().uri("/api/v1/doctor/agenda/blocks").headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("starts_at", at.minus(Duration.ofHours(1)).toString(),
                        "ends_at", at.plus(Duration.ofHours(1)).toString(), "reason", "Congreso"))
                .exchange().expectStatus().isCreated();
        assertThat(freeSlots(doctor, at, at.plus(Duration.ofMinutes(30)))).isEmpty();
        assertProblem(book(bookingBody(doctor, at, email("p"))), 422);

        LocalDate dayOff = at.atZone(ZoneId.of("Europe/Madrid")).toLocalDate().plusDays(1);
        web.put().uri("/api/v1/doctor/agenda/overrides/{d}", dayOff).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("intervals", List.of())).exchange().expectStatus().isOk();
        Instant dayOffStart = dayOff.atStartOfDay(ZoneId.of("Europe/Madrid")).toInstant();
        assertThat(freeSlots(doctor, dayOffStart, dayOffStart.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void anExpiredHoldFreesTheSlotForTheNextPatient() {
        long doctor = doctor("Pediatría", "Europe/Madrid");
        Instant at = slot(doctor, 0);
        long first = bookOk(doctor, at, email("first"));
        assertProblem(book(bookingBody(doctor, at, email("second"))), 409);

        expireHold(first);
        assertThat(freeSlots(doctor, at, at.plus(Duration.ofMinutes(30)))).containsExactly(at.toString());
        long second = bookOk(doctor, at, email("second"));

        assertThat(second).isNotEqualTo(first);
        assertThat(status(first)).isEqualTo("cancelled");
        ConsultationCancelled cancelled = outbox("consultation.cancelled", first).get(0).dataAs(ConsultationCancelled.class);
        assertThat(cancelled.reason()).isEqualTo("hold_expired");
        assertThat(cancelled.cancelledBy()).isEqualTo("system");
    }

    @Test
    void theSweeperReleasesExpiredHoldsAndEmitsHoldExpired() {
        long doctor = doctor("Psiquiatría", "Europe/Madrid");
        long held = bookOk(doctor, slot(doctor, 0), email("sweep"));
        long alive = bookOk(doctor, slot(doctor, 1), email("alive"));
        expireHold(held);

        Integer released = lifecycle.releaseExpiredHolds(500).block();

        assertThat(released).isGreaterThanOrEqualTo(1);
        assertThat(status(held)).isEqualTo("cancelled");
        assertThat(status(alive)).isEqualTo("pending_payment");
        assertThat(outbox("consultation.cancelled", held)).singleElement()
                .satisfies(e -> assertThat(e.dataAs(ConsultationCancelled.class).reason()).isEqualTo("hold_expired"));
        assertThat(outbox("consultation.cancelled", alive)).isEmpty();
    }

    @Test
    void slotsStayAtNineLocalAcrossTheNextDaylightSavingChanges() {
        long ny = doctor("Endocrinología", "America/New_York");
        // 14 March 2027: New York springs forward. 09:00 is 14:00Z before and 13:00Z after.
        List<String> saturday = freeSlots(ny, Instant.parse("2027-03-13T00:00:00Z"), Instant.parse("2027-03-14T04:00:00Z"));
        List<String> monday = freeSlots(ny, Instant.parse("2027-03-15T00:00:00Z"), Instant.parse("2027-03-16T03:00:00Z"));
        assertThat(saturday.get(0)).isEqualTo("2027-03-13T14:00:00Z");
        assertThat(monday.get(0)).isEqualTo("2027-03-15T13:00:00Z");

        long madrid = doctor("Endocrinología", "Europe/Madrid");
        // 28 March 2027: Madrid springs forward. 09:00 is 08:00Z before and 07:00Z after.
        assertThat(freeSlots(madrid, Instant.parse("2027-03-27T00:00:00Z"), Instant.parse("2027-03-28T00:00:00Z")).get(0))
                .isEqualTo("2027-03-27T08:00:00Z");
        assertThat(freeSlots(madrid, Instant.parse("2027-03-29T00:00:00Z"), Instant.parse("2027-03-30T00:00:00Z")).get(0))
                .isEqualTo("2027-03-29T07:00:00Z");
        // A slot after the change books at its local time.
        bookOk(madrid, Instant.parse("2027-03-29T07:00:00Z"), email("dst"));
        assertProblem(book(bookingBody(madrid, Instant.parse("2027-03-29T08:00:00Z").minus(Duration.ofMinutes(15)),
                email("dst2"))), 422);
    }

    @Test
    void theDirectoryListsActiveDoctorsBySpecialtyWithTheirNextSlots() {
        String specialty = "Oftalmología " + newId();
        long doctor = doctor(specialty, "Europe/Madrid");
        web.get().uri(u -> u.path("/api/v1/consultations/public/doctors").queryParam("specialty", specialty).build())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(doctor)
                .jsonPath("$[0].consultation_fee").isEqualTo(4500)
                .jsonPath("$[0].duration_minutes").isEqualTo(30)
                .jsonPath("$[0].languages[1]").isEqualTo("en")
                .jsonPath("$[0].next_slots.length()").isEqualTo(3);
        bookOk(doctor, slot(doctor, 0), email("before")); // the doctor is now cached: deactivation evicts them

        deactivate(doctor, specialty);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                web.get().uri(u -> u.path("/api/v1/consultations/public/doctors").queryParam("specialty", specialty).build())
                        .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0));
        assertProblem(book(bookingBody(doctor, Instant.now().plus(Duration.ofDays(3)), email("p"))), 404);
    }

    private long count(String table) {
        return db.sql("select count(*) as n from " + table).map(r -> r.get("n", Long.class)).one().block();
    }

    /** Outbox rows stay a week and Kafka records longer: neither may carry who the patient is (ADR 6). */
    @Test
    void noOutboxRowAndNoKafkaRecordCarriesThePatientsIdentity() {
        long doctor = doctor("Dermatología", "Europe/Madrid");
        long n = newId();
        String mail = "zoe.identidad." + n + "@example.test";
        String name = "Zoe Identidad " + n;
        Map<String, Object> body = bookingBody(doctor, slot(doctor, 0), mail);
        body.put("full_name", name);
        body.put("phone", "+34 699 888 777");
        long id = ((Number) book(body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("consultation_id")).longValue();
        pay(id);
        awaitStatus(id, "confirmed");

        List<String> rows = db.sql("select payload::text as p from outbox where aggregate_id = :k")
                .bind("k", String.valueOf(id)).map(r -> r.get("p", String.class)).all().collectList().block();
        assertThat(rows).anyMatch(p -> p.contains("consultation.booked"))
                .anyMatch(p -> p.contains("consultation.confirmed"));
        List<String> records = publishedRecords(String.valueOf(id), 2, Duration.ofSeconds(45));
        assertThat(records).hasSize(2);
        for (String text : java.util.stream.Stream.concat(rows.stream(), records.stream()).toList()) {
            assertThat(text).contains("sealed_patient_email").doesNotContain(mail).doesNotContain(name)
                    .doesNotContain("Identidad").doesNotContain("699 888 777").doesNotContain("699888777");
        }
    }
}
