package com.telemed.notification;

import static com.telemed.notification.EventFeed.email;
import static com.telemed.notification.EventFeed.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventJson;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.PasswordResetRequested;
import com.telemed.events.PatientLoginLinkIssued;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.events.SignInThrottled;
import com.telemed.events.Topics;
import com.telemed.events.VideoPatientLate;
import com.telemed.events.VideoSessionStarted;
import com.telemed.outbox.DeadLetters;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.testkit.ManagementClient;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.node.ObjectNode;

/**
 * The whole service without a SendGrid key, in local mode: events on the real broker become messages in the dev
 * mailbox, read back through its JSON API the way end-to-end tests do.
 */
@ServiceTest
@SuppressWarnings("unchecked")
@TestPropertySource(properties = { "telemed.local-mode=true", "telemed.notification.public-url=http://web.test" })
class NotificationFlowIT {

    @Autowired
    Environment environment;

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EventSeal seal;

    @Autowired
    DatabaseClient db;

    EventFeed feed;

    @BeforeEach
    void setUp() {
        feed = new EventFeed(kafka);
    }

    // --- access emails -------------------------------------------------------------------------------------------

    @Test
    void aRegisteredDoctorGetsOneTemporaryPasswordEmailEvenWhenTheEventArrivesTwice() {
        String to = email("doctor");
        long userId = nextId();
        EventEnvelope registered = EventEnvelope.wrap(doctor(userId, to, "Dra. <Ana> & Pérez", "es", "Temp-Pass-123!"),
                "test", Instant.now());
        feed.publish(Topics.USERS, userId, registered);
        feed.publish(Topics.USERS, userId, registered);
        // A later event on the same key and partition: once it is in, the duplicate before it has been handled.
        String marker = email("marker");
        feed.publish(Topics.USERS, userId, reset(userId, marker, "es", "tok"));
        awaitMessages(marker, 1);

        List<Map<String, Object>> messages = awaitMessages(to, 1);
        assertThat(messages).hasSize(1);
        Map<String, Object> message = messages.get(0);
        assertThat(message).containsKeys("id", "to", "subject", "text", "html", "links", "created_at", "type",
                "status", "attachments");
        assertThat(message.get("to")).isEqualTo(to);
        assertThat(message.get("type")).isEqualTo("doctor-temporary-password");
        assertThat(message.get("subject")).isEqualTo("Tu acceso a Telemed: contraseña temporal");
        assertThat((String) message.get("text")).contains("Contraseña temporal: Temp-Pass-123!").contains("24 horas");
        assertThat((String) message.get("html")).contains("Dra. &lt;Ana&gt; &amp; Pérez").doesNotContain("<Ana>");
        assertThat((List<Object>) message.get("links")).containsExactly("http://web.test/login");
        await().atMost(WITHIN).until(() -> "sent".equals(messages(to).get(0).get("status")));

        // At rest, nothing readable: not the address, not the password.
        Map<String, Object> row = db.sql("select recipient, subject, body_text, body_html from messages where id = :id")
                .bind("id", ((Number) message.get("id")).longValue()).fetch().one().block();
        assertThat(row.values()).allSatisfy(v -> assertThat((String) v).startsWith("v1:")
                .doesNotContain(to).doesNotContain("Temp-Pass-123!"));
    }

    @Test
    void anAccountCreatedWithItsPasswordSetGetsNoEmailButIsKnownAsADoctor() {
        String to = email("demo");
        long userId = nextId();
        feed.publish(Topics.USERS, userId, new MedicalProfessionalRegistered(userId, to, "Dr. Demo", "specialist",
                "Dermatología", "MED-2", "es", null, null));
        String marker = email("marker");
        feed.publish(Topics.USERS, userId, reset(userId, marker, "es", "tok"));
        awaitMessages(marker, 1);

        assertThat(messages(to)).isEmpty();
        assertThat(db.sql("select count(*) as n from doctors where doctor_id = :id").bind("id", userId)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    @Test
    void resetAndPatientLoginLinksCarryTheOpenedTokenAndFollowTheLocale() {
        String staff = email("staff");
        String token = "reset+token/" + UUID.randomUUID();
        feed.publish(Topics.USERS, 1, reset(nextId(), staff, "en-GB", token));
        Map<String, Object> reset = awaitMessages(staff, 1).get(0);
        assertThat(reset.get("subject")).isEqualTo("Reset your Telemed password");
        assertThat((List<Object>) reset.get("links"))
                .containsExactly("http://web.test/login/restablecer?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        String patient = email("patient");
        long patientId = nextId();
        feed.publish(Topics.USERS, patientId, new PatientLoginLinkIssued(patientId, nextId(),
                seal.seal("patient.login-link.issued", "sealed_email", patient), "es",
                seal.seal("patient.login-link.issued", "sealed_token", "login-token-1"),
                Instant.now().plusSeconds(900)));
        Map<String, Object> link = awaitMessages(patient, 1).get(0);
        assertThat(link.get("subject")).isEqualTo("Tu enlace de acceso a Telemed");
        assertThat((List<Object>) link.get("links")).containsExactly("http://web.test/acceso?token=login-token-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOwnerOfAThrottledAccountIsToldOnceInTheirLanguage() {
        String staff = email("attacked");
        long userId = nextId();
        EventEnvelope throttled = EventEnvelope.wrap(new SignInThrottled(userId,
                seal.seal("sign-in.throttled", SignInThrottled.SEALED_EMAIL, staff), "es", 6,
                Instant.parse("2026-03-29T09:00:00Z")), "test", Instant.now());
        feed.publish(Topics.USERS, userId, throttled);
        feed.publish(Topics.USERS, userId, throttled);
        String marker = email("marker");
        feed.publish(Topics.USERS, userId, reset(userId, marker, "es", "tok"));
        awaitMessages(marker, 1);

        List<Map<String, Object>> told = awaitMessages(staff, 1);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("type")).isEqualTo("sign-in-throttled");
        assertThat(told.get(0).get("subject")).isEqualTo("Intentos fallidos de acceso a tu cuenta de Telemed");
        assertThat((String) told.get(0).get("text")).contains("6 intentos fallidos").contains("29 de marzo de 2026");
        assertThat((List<Object>) told.get(0).get("links")).containsExactly("http://web.test/login/recuperar");

        String english = email("attacked-en");
        feed.publish(Topics.USERS, userId + 1, new SignInThrottled(userId + 1,
                seal.seal("sign-in.throttled", SignInThrottled.SEALED_EMAIL, english), "en", 7, Instant.now()));
        assertThat(awaitMessages(english, 1).get(0).get("subject"))
                .isEqualTo("Failed sign-in attempts on your Telemed account");
    }

    // --- consultations -----------------------------------------------------------------------------------------

    @Test
    void aConfirmedBookingTellsThePatientWithACalendarEntryAndTheDoctor() {
        long doctorId = nextId();
        String doctorEmail = email("doc");
        feed.publish(Topics.USERS, doctorId, doctor(doctorId, doctorEmail, "Dr. Luis Gil", "es", "x"));
        awaitMessages(doctorEmail, 1);

        String patient = email("pat");
        long consultationId = nextId();
        Instant at = Instant.parse("2026-03-29T09:00:00Z"); // 10:00 in the Canaries, 11:00 in Madrid (summer time)
        feed.publish(Topics.CONSULTATIONS, consultationId, booked(consultationId, doctorId, patient, at, "es",
                "Atlantic/Canary"));
        feed.publish(Topics.CONSULTATIONS, consultationId, confirmed(consultationId, doctorId, patient, at, "es",
                "Atlantic/Canary", "manage-token-42"));

        Map<String, Object> confirmation = awaitMessages(patient, 1).get(0);
        assertThat(confirmation.get("type")).isEqualTo("booking-confirmation");
        assertThat(confirmation.get("subject")).isEqualTo("Consulta confirmada: domingo, 29 de marzo de 2026, 10:00");
        assertThat((String) confirmation.get("text")).contains("Profesional: Dr. Luis Gil")
                .contains("Especialidad: Dermatología").contains("Hora: 10:00 (Atlantic/Canary)")
                .contains("Importe pagado: 45,00\u00a0€");
        String manage = "http://web.test/reserva/gestionar?id=" + consultationId + "&token=manage-token-42";
        String video = "http://web.test/video-room?consultation=" + consultationId + "&token=manage-token-42";
        assertThat((List<Object>) confirmation.get("links")).containsExactly(video, manage);
        assertThat((String) confirmation.get("html")).contains("href=\"" + manage.replace("&", "&amp;") + "\"")
                .contains("href=\"" + video.replace("&", "&amp;") + "\"");

        List<Object> attachments = (List<Object>) confirmation.get("attachments");
        assertThat(attachments).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> ics = (Map<String, Object>) attachments.get(0);
        assertThat(ics.get("filename")).isEqualTo("consulta.ics");
        assertThat((String) ics.get("content_type")).startsWith("text/calendar");
        String calendar = web.get().uri((String) ics.get("url")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/calendar"))
                .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, v -> assertThat(v).contains("consulta.ics"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(calendar).contains("DTSTART;TZID=Atlantic/Canary:20260329T100000")
                .contains("UID:consultation-" + consultationId + "@telemed");

        Map<String, Object> notice = awaitMessages(doctorEmail, 2).get(0);
        assertThat(notice.get("type")).isEqualTo("new-consultation");
        assertThat((String) notice.get("text")).contains("Paciente: Paula Ruiz").contains("Hora: 11:00 (Europe/Madrid)");
        assertThat((List<Object>) notice.get("links")).containsExactly("http://web.test/doctor");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void onlyADoctorThisServiceDoesNotKnowIsReportedAsUnknown(CapturedOutput output) {
        long known = nextId();
        String doctorEmail = email("doc");
        feed.publish(Topics.USERS, known, doctor(known, doctorEmail, "Dr. Luis Gil", "es", "x"));
        awaitMessages(doctorEmail, 1);
        long unknown = nextId();
        long first = nextId();
        Instant at = Instant.parse("2026-05-12T09:00:00Z");

        // Both on one partition (same key): once the second is handled, the first has been handled completely.
        feed.publish(Topics.CONSULTATIONS, first, confirmed(first, known, email("pat"), at, "es", "Europe/Madrid",
                "tok-known"));
        feed.publish(Topics.CONSULTATIONS, first, confirmed(nextId(), unknown, email("pat"), at, "es",
                "Europe/Madrid", "tok-unknown"));

        await().atMost(WITHIN).until(() -> output.getAll().contains("Doctor " + unknown + " is not known here"));
        assertThat(awaitMessages(doctorEmail, 2).get(0).get("type")).isEqualTo("new-consultation");
        assertThat(output.getAll()).as("a doctor who was emailed is not reported as unknown")
                .doesNotContain("Doctor " + known + " is not known here");
    }

    @Test
    void aConsultationPaidAtTheClinicIsNotSaidToBePaidOnline() {
        String patient = email("clinic");
        long consultationId = nextId();
        Instant at = Instant.parse("2026-03-29T09:00:00Z");
        feed.publish(Topics.CONSULTATIONS, consultationId, confirmed(consultationId, nextId(), patient, at, "es",
                "Europe/Madrid", "manage-token-43", "paid_at_clinic"));
        Map<String, Object> confirmation = awaitMessages(patient, 1).get(0);
        assertThat(confirmation.get("type")).isEqualTo("booking-confirmation-paid-at-clinic");
        assertThat((String) confirmation.get("text")).contains("Pagado en la clínica: 45,00\u00a0€")
                .doesNotContain("Importe pagado");
    }

    @Test
    void aLatePatientIsRemindedOnceWithTheVideoLinkInTheirLanguage() {
        String patient = email("late");
        long consultationId = nextId();
        Instant at = Instant.parse("2026-03-29T09:00:00Z");
        feed.publish(Topics.CONSULTATIONS, consultationId, confirmed(consultationId, nextId(), patient, at, "en",
                "Europe/London", "manage-token-44"));
        awaitMessages(patient, 1);
        VideoPatientLate late = new VideoPatientLate(consultationId, 5L, 77L, at, at.plusSeconds(600));
        EventEnvelope once = EventEnvelope.wrap(late, "video-service", Instant.now());
        feed.publish(Topics.VIDEO, consultationId, once);
        feed.publish(Topics.VIDEO, consultationId, once);

        Map<String, Object> reminder = awaitMessages(patient, 2).get(0);
        assertThat(reminder.get("type")).isEqualTo("video-reminder");
        assertThat(reminder.get("subject")).isEqualTo("Your video consultation at 10:00 is waiting for you");
        assertThat((String) reminder.get("text")).contains("with Dr. Luis Gil started at 10:00 (Europe/London)");
        assertThat((List<Object>) reminder.get("links")).containsExactly(
                "http://web.test/video-room?consultation=" + consultationId + "&token=manage-token-44");
        await().pollDelay(Duration.ofSeconds(1)).atMost(WITHIN).until(() -> true);
        assertThat(messages(patient)).hasSize(2);
    }

    @Test
    void aConsultationToPayAtTheClinicOrFreeSaysSoAndNeverThatItWasPaid() {
        String atClinic = email("pay-at-clinic");
        String free = email("free");
        long first = nextId();
        long second = nextId();
        Instant at = Instant.parse("2026-03-29T09:00:00Z");
        feed.publish(Topics.CONSULTATIONS, first, confirmed(first, nextId(), atClinic, at, "es", "Europe/Madrid",
                "manage-token-44", "pay_at_clinic"));
        feed.publish(Topics.CONSULTATIONS, second, confirmed(second, nextId(), free, at, "en", "Europe/Madrid",
                "manage-token-45", "free"));
        Map<String, Object> clinic = awaitMessages(atClinic, 1).get(0);
        assertThat(clinic.get("type")).isEqualTo("booking-confirmation-pay-at-clinic");
        assertThat((String) clinic.get("text")).contains("A pagar en la clínica: 45,00\u00a0€")
                .doesNotContain("Pagado").doesNotContain("Importe pagado");
        Map<String, Object> gratis = awaitMessages(free, 1).get(0);
        assertThat(gratis.get("type")).isEqualTo("booking-confirmation-free");
        assertThat((String) gratis.get("text")).contains("free of charge").doesNotContain("45.00")
                .doesNotContain("paid");
    }

    @Test
    void aBookingMadeByStaffToBePaidOnlineEmailsThePatientThePaymentLink() {
        String patient = email("pay-link");
        long id = nextId();
        Instant at = Instant.parse("2026-03-29T09:00:00Z");
        ConsultationBooked plain = booked(id, nextId(), patient, at, "es", "Europe/Madrid");
        ConsultationBooked withLink = new ConsultationBooked(plain.consultationId(), plain.patientId(),
                plain.doctorId(), plain.specialty(), plain.scheduledAt(), plain.durationMinutes(), plain.amount(),
                plain.currency(), plain.holdExpiresAt(), plain.sealedPatientEmail(), plain.sealedPatientName(),
                plain.locale(), plain.timezone(), plain.doctorName(),
                seal.seal("consultation.booked", "sealed_checkout_token", "v1:k:checkout+token/1"));
        feed.publish(Topics.CONSULTATIONS, id, withLink);
        Map<String, Object> message = awaitMessages(patient, 1).get(0);
        assertThat(message.get("type")).isEqualTo("payment-link");
        assertThat((String) message.get("text")).contains("/reserva/pagar?consulta=" + id + "&token=v1%3Ak%3Acheckout%2Btoken%2F1")
                .contains("Dra. Lucía Martín").contains("45,00");

        // A public booking (no token) is not emailed before payment.
        String publicPatient = email("public");
        long other = nextId();
        feed.publish(Topics.CONSULTATIONS, other, booked(other, nextId(), publicPatient, at, "es", "Europe/Madrid"));
        awaitContact(other);
        assertThat(messages(publicPatient)).isEmpty();
    }

    @Test
    void rescheduleAndCancellationReachPatientAndDoctorThroughTheProjections() {
        long doctorId = nextId();
        String doctorEmail = email("doc");
        feed.publish(Topics.USERS, doctorId, doctor(doctorId, doctorEmail, "Dr. Luis Gil", "en", "x"));
        awaitMessages(doctorEmail, 1);
        String patient = email("pat");
        long consultationId = nextId();
        Instant at = Instant.parse("2026-10-24T08:00:00Z");
        Instant moved = Instant.parse("2026-10-26T09:00:00Z");
        feed.publish(Topics.CONSULTATIONS, consultationId, booked(consultationId, doctorId, patient, at, "en",
                "Europe/Madrid"));
        feed.publish(Topics.CONSULTATIONS, consultationId, confirmed(consultationId, doctorId, patient, at, "en",
                "Europe/Madrid", "tok-7"));
        feed.publish(Topics.CONSULTATIONS, consultationId, new ConsultationRescheduled(consultationId, nextId(),
                doctorId, at, moved, 30));
        feed.publish(Topics.CONSULTATIONS, consultationId, new ConsultationCancelled(consultationId, nextId(),
                doctorId, moved, "patient_request", "patient", Instant.now()));

        List<Map<String, Object>> patientMail = awaitMessages(patient, 3);
        assertThat(patientMail).extracting(m -> m.get("type"))
                .containsExactly("consultation-cancelled", "consultation-rescheduled", "booking-confirmation");
        Map<String, Object> rescheduled = patientMail.get(1);
        assertThat(rescheduled.get("subject")).isEqualTo("Consultation moved to Monday, 26 October 2026, 10:00");
        assertThat((String) rescheduled.get("text")).contains("on Saturday, 24 October 2026 at 10:00 has been moved");
        assertThat((List<Object>) rescheduled.get("links"))
                .containsExactly("http://web.test/reserva/gestionar?id=" + consultationId + "&token=tok-7");
        assertThat((List<Object>) rescheduled.get("attachments")).hasSize(1);
        assertThat(patientMail.get(0).get("subject")).isEqualTo("Consultation cancelled: Monday, 26 October 2026, 10:00");

        List<Map<String, Object>> doctorMail = awaitMessages(doctorEmail, 4);
        assertThat(doctorMail).extracting(m -> m.get("type")).containsExactly("consultation-cancelled",
                "consultation-rescheduled", "new-consultation", "doctor-temporary-password");
    }

    @Test
    void anExpiredUnpaidHoldSendsNothingWhileFailedAndRefundedPaymentsAreExplained() {
        String patient = email("pat");
        long expired = nextId();
        long doctorId = nextId();
        Instant at = Instant.parse("2026-07-01T08:00:00Z");
        feed.publish(Topics.CONSULTATIONS, expired, booked(expired, doctorId, patient, at, "es", "Europe/Madrid"));
        feed.publish(Topics.CONSULTATIONS, expired, new ConsultationCancelled(expired, nextId(), doctorId, at,
                "hold_expired", "system", Instant.now()));
        awaitContact(expired);
        feed.publish(Topics.PAYMENTS, expired, new PaymentFailed(nextId(), expired, "card_declined", Instant.now()));
        Map<String, Object> failed = awaitMessages(patient, 1).get(0);
        assertThat(failed.get("type")).isEqualTo("payment-failed");
        assertThat((String) failed.get("text")).contains("1 de julio de 2026 a las 10:00 (Europe/Madrid)");
        assertThat((List<Object>) failed.get("links")).containsExactly("http://web.test/reserva");

        long refunded = nextId();
        feed.publish(Topics.CONSULTATIONS, refunded, booked(refunded, doctorId, patient, at, "es", "Europe/Madrid"));
        awaitContact(refunded);
        feed.publish(Topics.PAYMENTS, refunded, new PaymentRefunded(nextId(), refunded, 2250, "eur", "re_1",
                "requested_by_customer", Instant.now()));
        Map<String, Object> refund = awaitMessages(patient, 2).get(0);
        assertThat(refund.get("type")).isEqualTo("payment-refunded");
        assertThat(refund.get("subject")).isEqualTo("Reembolso de 22,50\u00a0€");
        assertThat((String) refund.get("text")).doesNotContain("caducado");

        // A payment that came after the hold ran out is returned with the reason, and a way to book again.
        long late = nextId();
        feed.publish(Topics.CONSULTATIONS, late, booked(late, doctorId, patient, at, "es", "Europe/Madrid"));
        awaitContact(late);
        feed.publish(Topics.PAYMENTS, late, new PaymentRefunded(nextId(), late, 4500, "eur", "re_2",
                "late_payment", Instant.now()));
        Map<String, Object> lateRefund = awaitMessages(patient, 3).get(0);
        assertThat((String) lateRefund.get("text")).contains("ya había caducado la reserva")
                .contains("http://web.test/reserva");
        feed.publish(Topics.PAYMENTS, late, new PaymentRefunded(nextId(), late, 4500, "eur", "re_3",
                "duplicate_payment", Instant.now()));
        assertThat((String) awaitMessages(patient, 4).get(0).get("text")).contains("ya estaba pagada");
        // Only the payment notices: the expired hold's cancellation said nothing.
        assertThat(messages(patient)).extracting(m -> m.get("type")).containsExactly("payment-refunded",
                "payment-refunded", "payment-refunded", "payment-failed");
    }

    // --- bad input ---------------------------------------------------------------------------------------------

    @Test
    void badEventsGoToTheDeadLetterTopicWithTheirReasonAndTheConsumerCarriesOn() {
        String rawKey = "garbage-" + UUID.randomUUID();
        feed.publishRaw(Topics.USERS, rawKey, "{ not json");

        long consultationId = nextId();
        String patient = email("pat");
        ObjectNode data = (ObjectNode) EventJson.mapper().valueToTree(confirmed(consultationId, nextId(), patient,
                Instant.parse("2026-05-05T08:00:00Z"), "es", "Europe/Madrid", "t"));
        data.remove("sealed_patient_email");
        feed.publish(Topics.CONSULTATIONS, consultationId, new EventEnvelope(UUID.randomUUID(),
                "consultation.confirmed", 1, Instant.now(), "test", data));

        String tamperedKey = "tampered-" + UUID.randomUUID();
        String victim = email("victim");
        feed.publish(Topics.USERS, tamperedKey, new PasswordResetRequested(nextId(), victim, "es",
                seal.seal("patient.login-link.issued", "sealed_token", "replayed"), Instant.now().plusSeconds(60)));

        ConsumerRecord<String, String> raw = EventFeed.awaitDeadLetter(Topics.USERS + ".DLT", rawKey, WITHIN);
        assertThat(EventFeed.header(raw, DeadLetters.HEADER_REASON)).isNotBlank();
        assertThat(EventFeed.header(raw, DeadLetters.HEADER_CONSUMER)).isEqualTo("notification-service");
        ConsumerRecord<String, String> missing = EventFeed.awaitDeadLetter(Topics.CONSULTATIONS + ".DLT",
                String.valueOf(consultationId), WITHIN);
        assertThat(EventFeed.header(missing, DeadLetters.HEADER_REASON)).contains("sealed_patient_email");
        // A dead-lettered event keeps no patient identity in clear: not in its value, not in its headers.
        StringBuilder record = new StringBuilder(missing.value());
        missing.headers().forEach(h -> record.append(new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(record.toString()).contains("sealed_patient_name").doesNotContain(patient)
                .doesNotContain("Paula Ruiz");
        ConsumerRecord<String, String> tampered = EventFeed.awaitDeadLetter(Topics.USERS + ".DLT", tamperedKey, WITHIN);
        assertThat(EventFeed.header(tampered, DeadLetters.HEADER_REASON)).contains("sealed_token")
                .doesNotContain("replayed");

        // Unknown types are skipped, and the consumer still takes the next good event.
        feed.publish(Topics.VIDEO, consultationId, new VideoSessionStarted(consultationId, 5L, 77L, "room", 5L,
                Instant.now()));
        String after = email("after");
        feed.publish(Topics.USERS, tamperedKey, reset(nextId(), after, "es", "ok"));
        awaitMessages(after, 1);
        assertThat(messages(victim)).isEmpty();
        assertThat(messages(patient)).isEmpty();
    }

    // --- dev mailbox pages and admin API -------------------------------------------------------------------------

    @Test
    void theMailboxPagesShowTheMessageInASandboxedFrame() {
        String to = email("page");
        feed.publish(Topics.USERS, 1, doctor(nextId(), to, "<img src=x onerror=alert(1)>", "es", "pw"));
        long id = ((Number) awaitMessages(to, 1).get(0).get("id")).longValue();

        String list = web.get().uri(b -> b.path("/dev/mailbox").queryParam("to", to).build()).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", v -> assertThat(v).contains("default-src 'none'"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains("/dev/mailbox/messages/" + id).contains("Tu acceso a Telemed");

        String view = web.get().uri("/dev/mailbox/messages/" + id).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(view).contains("<iframe sandbox=\"\"").contains("srcdoc=\"&lt;!DOCTYPE html&gt;")
                .doesNotContain("<img src=x").contains("&amp;lt;img src=x onerror=alert(1)&amp;gt;");

        web.get().uri("/dev/mailbox/messages/999999999").exchange().expectStatus().isNotFound();
    }

    @Test
    void theAdminApiListsMessagesMaskedAndOnlyForItAndAdmins() {
        String to = email("admin-view");
        feed.publish(Topics.USERS, 1, reset(nextId(), to, "es", "secret-token"));
        long id = ((Number) awaitMessages(to, 1).get(0).get("id")).longValue();
        await().atMost(WITHIN).until(() -> "sent".equals(messages(to).get(0).get("status")));

        web.get().uri("/api/v1/admin/notifications").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/admin/notifications").headers(h -> h.setBearerAuth(TestTokens.mint("doctor", 5)))
                .exchange().expectStatus().isForbidden();

        web.get().uri("/api/v1/admin/notifications?status=sent&size=100")
                .headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 1)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(100)
                .jsonPath("$.items[?(@.id == " + id + ")].to").isEqualTo(List.of(to.charAt(0) + "***@e***.test"))
                .jsonPath("$.items[?(@.id == " + id + ")].type").isEqualTo(List.of("password-reset"))
                .jsonPath("$.items[?(@.id == " + id + ")].status").isEqualTo(List.of("sent"));
        String raw = web.get().uri("/api/v1/admin/notifications").headers(h -> h.setBearerAuth(TestTokens.mint("admin", 2)))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(raw).doesNotContain(to).doesNotContain("secret-token").doesNotContain("\"html\"");

        web.get().uri("/api/v1/admin/notifications?status=bogus")
                .headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 1))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/admin/notifications?size=1000")
                .headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 1))).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/v1/admin/notifications/{id}/retry", id)
                .headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 1))).exchange()
                .expectStatus().isEqualTo(409);
        web.post().uri("/api/v1/admin/notifications/{id}/retry", 987654321)
                .headers(h -> h.setBearerAuth(TestTokens.mint("it_admin", 1))).exchange()
                .expectStatus().isNotFound();
        web.post().uri("/api/v1/admin/notifications/{id}/retry", id)
                .headers(h -> h.setBearerAuth(TestTokens.mint("patient", 3))).exchange()
                .expectStatus().isForbidden();

        String metrics = ManagementClient.of(environment)
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("telemed_notification_sent_total\\{[^}]*type=\"password-reset\"")
                .contains("telemed_notification_queue_depth").contains("telemed_notification_failed_messages")
                .contains("telemed_notification_send_latency_seconds_bucket")
                .contains("telemed_notification_event_to_sent_seconds_bucket");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private List<Map<String, Object>> messages(String to) {
        return web.get().uri(b -> b.path("/dev/mailbox/api/messages").queryParam("to", to).build()).exchange()
                .expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> awaitMessages(String to, int count) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> messages(to).size() >= count);
        return messages(to);
    }

    /** Payments come on another topic: wait until this service knows whom the consultation belongs to. */
    private void awaitContact(long consultationId) {
        await().atMost(WITHIN).until(() -> db.sql("select count(*) as n from consultation_contacts where consultation_id = :id")
                .bind("id", consultationId).map(row -> row.get("n", Long.class)).one().block() == 1L);
    }

    private MedicalProfessionalRegistered doctor(long userId, String email, String name, String locale,
            String password) {
        return new MedicalProfessionalRegistered(userId, email, name, "specialist", "Dermatología", "MED-1", locale,
                seal.seal("medical-professional.registered", "sealed_temporary_password", password),
                Instant.now().plus(Duration.ofHours(24)));
    }

    private PasswordResetRequested reset(long userId, String email, String locale, String token) {
        return new PasswordResetRequested(userId, email, locale,
                seal.seal("password-reset.requested", "sealed_token", token), Instant.now().plusSeconds(3600));
    }

    private ConsultationBooked booked(long id, long doctorId, String patient, Instant at, String locale,
            String zone) {
        return new ConsultationBooked(id, 77, doctorId, "Dermatología", at, 30, 4500, "eur",
                Instant.now().plusSeconds(900), seal.seal("consultation.booked", "sealed_patient_email", patient),
                seal.seal("consultation.booked", "sealed_patient_name", "Paula Ruiz"), locale, zone,
                "Dra. Lucía Martín");
    }

    private ConsultationConfirmed confirmed(long id, long doctorId, String patient, Instant at, String locale,
            String zone, String manageToken) {
        return confirmed(id, doctorId, patient, at, locale, zone, manageToken, "online");
    }

    private ConsultationConfirmed confirmed(long id, long doctorId, String patient, Instant at, String locale,
            String zone, String manageToken, String paymentMode) {
        return new ConsultationConfirmed(id, 77, doctorId, "Dermatología", at, 30, 4500, "eur",
                seal.seal("consultation.confirmed", "sealed_patient_email", patient),
                seal.seal("consultation.confirmed", "sealed_patient_name", "Paula Ruiz"), "Dr. Luis Gil", locale,
                zone, seal.seal("consultation.confirmed", "sealed_manage_token", manageToken), paymentMode);
    }
}
