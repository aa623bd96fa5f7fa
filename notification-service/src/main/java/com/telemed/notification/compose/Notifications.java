package com.telemed.notification.compose;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.telemed.events.ClinicalRecordSigned;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.ConsultationCancelled;
import com.telemed.events.ConsultationConfirmed;
import com.telemed.events.ConsultationRescheduled;
import com.telemed.events.EventEnvelope;
import com.telemed.events.InvalidEventException;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.events.PasswordResetRequested;
import com.telemed.events.PatientLoginLinkIssued;
import com.telemed.events.PaymentFailed;
import com.telemed.events.PaymentRefunded;
import com.telemed.events.SignInThrottled;
import com.telemed.events.VideoPatientLate;
import com.telemed.notification.NotificationProperties;
import com.telemed.notification.message.Attachment;
import com.telemed.notification.message.MessageStore;
import com.telemed.notification.message.NewMessage;
import com.telemed.notification.recipient.ConsultationContact;
import com.telemed.notification.recipient.Directory;
import com.telemed.notification.recipient.DoctorContact;
import com.telemed.notification.visitsummary.VisitSummaries;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.FieldCipher;


import reactor.core.publisher.Mono;

/**
 * Turns each fact into the emails it calls for and queues them, in the caller's (inbox) transaction: who is
 * told, in which language, with which links. Secrets sealed into events are opened here and go nowhere but the
 * encrypted message body; they are never logged.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final String ICS_TYPE = "text/calendar; charset=utf-8; method=PUBLISH";

    private final MessageStore messages;
    private final Directory directory;
    private final TemplateRenderer renderer;
    private final EventSeal seal;
    private final VisitSummaries visitSummaries;
    private final String publicUrl;
    private final String doctorTimezone;

    public Notifications(MessageStore messages, Directory directory, TemplateRenderer renderer, EventSeal seal,
            VisitSummaries visitSummaries, NotificationProperties properties) {
        this.visitSummaries = visitSummaries;
        this.messages = messages;
        this.directory = directory;
        this.renderer = renderer;
        this.seal = seal;
        this.publicUrl = properties.publicUrl();
        this.doctorTimezone = properties.doctorTimezone();
        Formats.warmUp();
    }

    // --- staff and patient access ------------------------------------------------------------------------------

    public Mono<Void> doctorRegistered(MedicalProfessionalRegistered e, EventEnvelope env) {
        if (e.sealedTemporaryPassword() == null) {
            // Created with its password already set (first it_admin, demo data): nothing to tell by email.
            return directory.saveDoctor(e.userId(), e.email(), e.fullName(), e.locale());
        }
        String password = open(env, "sealed_temporary_password", e.sealedTemporaryPassword());
        Lang lang = Lang.of(e.locale());
        Map<String, String> values = Map.of("name", e.fullName(), "password", password,
                "login_url", publicUrl + "/login",
                "expires_at", Formats.dateTime(e.temporaryPasswordExpiresAt(), zone(null), lang));
        return directory.saveDoctor(e.userId(), e.email(), e.fullName(), e.locale())
                .then(queue(env, Template.DOCTOR_TEMPORARY_PASSWORD, e.email(), lang, values, List.of()));
    }

    public Mono<Void> doctorUpdated(MedicalProfessionalUpdated e, EventEnvelope env) {
        return directory.saveDoctor(e.userId(), e.email(), e.fullName(), null);
    }

    public Mono<Void> passwordResetRequested(PasswordResetRequested e, EventEnvelope env) {
        String token = open(env, "sealed_token", e.sealedToken());
        Lang lang = Lang.of(e.locale());
        return queue(env, Template.PASSWORD_RESET, e.email(), lang, Map.of(
                "reset_url", publicUrl + "/login/restablecer?token=" + encode(token),
                "expires_at", Formats.dateTime(e.expiresAt(), zone(null), lang)), List.of());
    }

    /**
     * A staff member's account started to be slowed down after failed sign-ins: its owner hears of it, with the
     * way to a new password should it not have been them. Nothing of the attempts (address, email tried) is told.
     */
    public Mono<Void> signInThrottled(SignInThrottled e, EventEnvelope env) {
        String email = open(env, SignInThrottled.SEALED_EMAIL, e.sealedEmail());
        Lang lang = Lang.of(e.locale());
        return queue(env, Template.SIGN_IN_THROTTLED, email, lang, Map.of(
                "failures", Integer.toString(e.failures()),
                "at", Formats.dateTime(e.throttledAt(), zone(null), lang),
                "reset_url", publicUrl + "/login/recuperar"), List.of());
    }

    public Mono<Void> patientLoginLinkIssued(PatientLoginLinkIssued e, EventEnvelope env) {
        if (e.forVisitSummary()) {
            return visitSummaryLinkIssued(e, env);
        }
        String token = open(env, PatientLoginLinkIssued.SEALED_TOKEN, e.sealedToken());
        String email = open(env, PatientLoginLinkIssued.SEALED_EMAIL, e.sealedEmail());
        Lang lang = Lang.of(e.locale());
        return queue(env, Template.PATIENT_LOGIN_LINK, email, lang, Map.of(
                "login_url", publicUrl + "/acceso?token=" + encode(token),
                "expires_at", Formats.dateTime(e.expiresAt(), zone(null), lang)), List.of());
    }

    // --- visit summary (ADR 12) --------------------------------------------------------------------------------

    /**
     * The login link auth-service issued when the consultation completed: it waits, sealed at rest, for a record
     * signed for that consultation (unless one already is, and the email goes now).
     */
    private Mono<Void> visitSummaryLinkIssued(PatientLoginLinkIssued e, EventEnvelope env) {
        String token = open(env, PatientLoginLinkIssued.SEALED_TOKEN, e.sealedToken());
        String email = open(env, PatientLoginLinkIssued.SEALED_EMAIL, e.sealedEmail());
        return visitSummaries.linkIssued(e.consultationId(), e.patientId(), email, e.locale(), token, e.expiresAt())
                .flatMap(ready -> visitSummary(ready, env));
    }

    /** A signed record makes the consultation's summary worth reading (records outside a consultation do not). */
    public Mono<Void> clinicalRecordSigned(ClinicalRecordSigned e, EventEnvelope env) {
        if (e.consultationId() == null) {
            return Mono.empty();
        }
        return visitSummaries.recordSigned(e.consultationId(), e.signedAt() == null ? env.occurredAt() : e.signedAt())
                .flatMap(ready -> visitSummary(ready, env));
    }

    /** "Your visit summary is ready", with the login link that lands on /mis-consultas; at most once. */
    private Mono<Void> visitSummary(VisitSummaries.Ready ready, EventEnvelope env) {
        if (!ready.linkAlive(Instant.now())) {
            log.info("The visit-summary link of consultation {} expired before a record was signed: event {} ({})"
                    + " sends no email", ready.consultationId(), env.eventId(), env.type());
            return Mono.empty();
        }
        Lang lang = Lang.of(ready.locale());
        return directory.contact(ready.consultationId()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(contact -> {
                    ZoneId patientZone = zone(contact.map(ConsultationContact::timezone).orElse(null));
                    Map<String, String> values = new HashMap<>();
                    values.put("visit", contact.map(c -> visit(c, patientZone, lang)).orElse(""));
                    values.put("login_url", publicUrl + "/acceso?token=" + encode(ready.loginToken()));
                    values.put("expires_at", Formats.dateTime(ready.linkExpiresAt(), patientZone, lang));
                    return queue(env, Template.VISIT_SUMMARY, ready.recipient(), lang, values, List.of());
                });
    }

    /** " del 5 de diciembre de 2026 con Dra. X" / " on … with …", when this service knows the consultation. */
    private static String visit(ConsultationContact c, ZoneId zone, Lang lang) {
        String date = Formats.date(c.scheduledAt(), zone, lang);
        boolean withDoctor = c.doctorName() != null && !c.doctorName().isBlank();
        return lang == Lang.EN ? " on " + date + (withDoctor ? " with " + c.doctorName() : "")
                : " del " + date + (withDoctor ? " con " + c.doctorName() : "");
    }

    // --- consultations -----------------------------------------------------------------------------------------

    /**
     * Keeps the patient's contact for later emails. When staff booked it for a patient who pays online later (the
     * event carries the sealed checkout token), the patient is emailed the payment link.
     */
    public Mono<Void> consultationBooked(ConsultationBooked e, EventEnvelope env) {
        String email = open(env, ConsultationBooked.SEALED_PATIENT_EMAIL, e.sealedPatientEmail());
        String name = open(env, ConsultationBooked.SEALED_PATIENT_NAME, e.sealedPatientName());
        Mono<Void> saved = directory.saveContact(new ConsultationContact(e.consultationId(), e.patientId(),
                e.doctorId(), email, name, null, e.specialty(), e.locale(), e.timezone(), e.scheduledAt(),
                e.durationMinutes(), e.amount(), e.currency(), null));
        if (e.sealedCheckoutToken() == null || e.sealedCheckoutToken().isBlank()) {
            return saved;
        }
        String token = open(env, ConsultationBooked.SEALED_CHECKOUT_TOKEN, e.sealedCheckoutToken());
        Lang lang = Lang.of(e.locale());
        ZoneId patientZone = zone(e.timezone());
        Map<String, String> values = new HashMap<>(when(e.scheduledAt(), patientZone, lang));
        values.put("name", name);
        values.put("doctor", orDash(e.doctorName()));
        values.put("specialty", orDash(e.specialty()));
        values.put("duration", String.valueOf(e.durationMinutes()));
        values.put("amount", Formats.money(e.amount(), e.currency(), lang));
        values.put("hold_until", e.holdExpiresAt() == null ? "-" : Formats.dateTime(e.holdExpiresAt(), patientZone, lang));
        values.put("pay_url", publicUrl + "/reserva/pagar?consulta=" + e.consultationId() + "&token="
                + encode(token));
        return saved.then(queue(env, Template.PAYMENT_LINK, email, lang, values, List.of()));
    }

    /** The patient's confirmation (with the calendar entry) and the doctor's new-consultation notice. */
    public Mono<Void> consultationConfirmed(ConsultationConfirmed e, EventEnvelope env) {
        String token = open(env, ConsultationConfirmed.SEALED_MANAGE_TOKEN, e.sealedManageToken());
        String patientEmail = open(env, ConsultationConfirmed.SEALED_PATIENT_EMAIL, e.sealedPatientEmail());
        String patientName = open(env, ConsultationConfirmed.SEALED_PATIENT_NAME, e.sealedPatientName());
        ConsultationContact contact = new ConsultationContact(e.consultationId(), e.patientId(), e.doctorId(),
                patientEmail, patientName, e.doctorName(), e.specialty(), e.locale(), e.timezone(),
                e.scheduledAt(), e.durationMinutes(), e.amount(), e.currency(), token);
        Lang lang = Lang.of(e.locale());
        ZoneId patientZone = zone(e.timezone());
        String manageUrl = manageUrl(e.consultationId(), token);
        Map<String, String> values = new HashMap<>(when(e.scheduledAt(), patientZone, lang));
        values.put("name", patientName);
        values.put("doctor", orDash(e.doctorName()));
        values.put("specialty", orDash(e.specialty()));
        values.put("duration", String.valueOf(e.durationMinutes()));
        values.put("amount", Formats.money(e.amount(), e.currency(), lang));
        values.put("manage_url", manageUrl);
        values.put("video_url", videoUrl(e.consultationId(), token));
        Attachment ics = calendar(contact, 0, lang, manageUrl, env.occurredAt());
        // Paid at the clinic, to be paid there, or free: never said to be paid online.
        Template confirmation = switch (e.paymentMode() == null ? ConsultationConfirmed.ONLINE : e.paymentMode()) {
            case ConsultationConfirmed.PAID_AT_CLINIC -> Template.BOOKING_CONFIRMATION_PAID_AT_CLINIC;
            case ConsultationConfirmed.PAY_AT_CLINIC -> Template.BOOKING_CONFIRMATION_PAY_AT_CLINIC;
            case ConsultationConfirmed.FREE -> Template.BOOKING_CONFIRMATION_FREE;
            default -> Template.BOOKING_CONFIRMATION;
        };
        Mono<Void> toPatient = queue(env, confirmation, patientEmail, lang, values, List.of(ics));
        Mono<Void> toDoctor = toDoctor(env, e.doctorId(), doctor -> {
            Lang doctorLang = Lang.of(doctor.locale());
            Map<String, String> v = new HashMap<>(when(e.scheduledAt(), zone(null), doctorLang));
            v.put("name", doctor.fullName());
            v.put("patient", patientName);
            v.put("specialty", orDash(e.specialty()));
            v.put("duration", String.valueOf(e.durationMinutes()));
            v.put("agenda_url", publicUrl + "/doctor");
            return queue(env, Template.NEW_CONSULTATION, doctor.email(), doctorLang, v, List.of());
        });
        return directory.saveContact(contact).then(toPatient).then(toDoctor);
    }

    /** Patient and doctor are told; an unpaid hold that simply expired is no news to anyone. */
    public Mono<Void> consultationCancelled(ConsultationCancelled e, EventEnvelope env) {
        if ("hold_expired".equals(e.reason())) {
            return Mono.empty();
        }
        return contactOf(e.consultationId(), env).flatMap(c -> {
            Lang lang = Lang.of(c.locale());
            Map<String, String> values = new HashMap<>(when(e.scheduledAt(), zone(c.timezone()), lang));
            values.put("name", c.patientName());
            values.put("next_step", lang == Lang.EN ? "Book another consultation" : "Reservar otra consulta");
            values.put("link", publicUrl + "/reserva");
            Mono<Void> toPatient = queue(env, Template.CONSULTATION_CANCELLED, c.patientEmail(), lang, values,
                    List.of());
            return toPatient.then(toDoctor(env, c.doctorId(), doctor -> {
                Lang dl = Lang.of(doctor.locale());
                Map<String, String> v = new HashMap<>(when(e.scheduledAt(), zone(null), dl));
                v.put("name", doctor.fullName());
                v.put("next_step", dl == Lang.EN ? "See my schedule" : "Ver mi agenda");
                v.put("link", publicUrl + "/doctor");
                return queue(env, Template.CONSULTATION_CANCELLED, doctor.email(), dl, v, List.of());
            }));
        });
    }

    /** The patient gets the new time and an updated calendar entry; the doctor is told too. */
    public Mono<Void> consultationRescheduled(ConsultationRescheduled e, EventEnvelope env) {
        return directory.reschedule(e.consultationId(), e.scheduledAt(), e.durationMinutes())
                .then(contactOf(e.consultationId(), env))
                .flatMap(c -> {
                    Lang lang = Lang.of(c.locale());
                    ZoneId patientZone = zone(c.timezone());
                    String link = c.manageToken() == null ? publicUrl + "/mis-consultas"
                            : manageUrl(c.consultationId(), c.manageToken());
                    Map<String, String> values = new HashMap<>(when(e.scheduledAt(), patientZone, lang));
                    values.putAll(previous(e.previousScheduledAt(), patientZone, lang));
                    values.put("name", c.patientName());
                    values.put("duration", String.valueOf(e.durationMinutes()));
                    values.put("next_step", lang == Lang.EN ? "Manage my booking" : "Gestionar mi reserva");
                    values.put("link", link);
                    // A new SEQUENCE makes calendars replace the entry they already have for this consultation.
                    int sequence = (int) Math.min(Integer.MAX_VALUE, env.occurredAt().getEpochSecond() / 60);
                    Attachment ics = calendar(c, sequence, lang, link, env.occurredAt());
                    Mono<Void> toPatient = queue(env, Template.CONSULTATION_RESCHEDULED, c.patientEmail(), lang,
                            values, List.of(ics));
                    return toPatient.then(toDoctor(env, c.doctorId(), doctor -> {
                        Lang dl = Lang.of(doctor.locale());
                        ZoneId dz = zone(null);
                        Map<String, String> v = new HashMap<>(when(e.scheduledAt(), dz, dl));
                        v.putAll(previous(e.previousScheduledAt(), dz, dl));
                        v.put("name", doctor.fullName());
                        v.put("duration", String.valueOf(e.durationMinutes()));
                        v.put("next_step", dl == Lang.EN ? "See my schedule" : "Ver mi agenda");
                        v.put("link", publicUrl + "/doctor");
                        return queue(env, Template.CONSULTATION_RESCHEDULED, doctor.email(), dl, v, List.of());
                    }));
                });
    }

    // --- video -------------------------------------------------------------------------------------------------

    /** The patient is not in the video room some minutes after the start: a reminder with the join link. */
    public Mono<Void> patientLate(VideoPatientLate e, EventEnvelope env) {
        return contactOf(e.consultationId(), env).flatMap(c -> {
            if (c.manageToken() == null) {
                log.warn("No link known for consultation {}: event {} ({}) sends no reminder", e.consultationId(),
                        env.eventId(), env.type());
                return Mono.empty();
            }
            Lang lang = Lang.of(c.locale());
            Map<String, String> values = new HashMap<>(when(c.scheduledAt(), zone(c.timezone()), lang));
            values.put("name", c.patientName());
            values.put("doctor", orDash(c.doctorName()));
            values.put("video_url", videoUrl(c.consultationId(), c.manageToken()));
            return queue(env, Template.VIDEO_REMINDER, c.patientEmail(), lang, values, List.of());
        });
    }

    // --- payments ----------------------------------------------------------------------------------------------

    public Mono<Void> paymentFailed(PaymentFailed e, EventEnvelope env) {
        return contactOf(e.consultationId(), env).flatMap(c -> {
            Lang lang = Lang.of(c.locale());
            Map<String, String> values = new HashMap<>(when(c.scheduledAt(), zone(c.timezone()), lang));
            values.put("name", c.patientName());
            values.put("booking_url", publicUrl + "/reserva");
            return queue(env, Template.PAYMENT_FAILED, c.patientEmail(), lang, values, List.of());
        });
    }

    public Mono<Void> paymentRefunded(PaymentRefunded e, EventEnvelope env) {
        return contactOf(e.consultationId(), env).flatMap(c -> {
            Lang lang = Lang.of(c.locale());
            Map<String, String> values = new HashMap<>(when(c.scheduledAt(), zone(c.timezone()), lang));
            values.put("name", c.patientName());
            values.put("amount", Formats.money(e.refundAmount(), e.currency(), lang));
            values.put("why", refundReason(e.reason(), lang));
            return queue(env, Template.PAYMENT_REFUNDED, c.patientEmail(), lang, values, List.of());
        });
    }

    /**
     * Refunds the patient did not ask for are explained: a payment that arrived after its hold ran out (the slot was
     * not kept) or a second payment of the same consultation.
     */
    private String refundReason(String reason, Lang lang) {
        if ("duplicate_payment".equals(reason)) {
            return lang == Lang.EN ? " The consultation had already been paid: this second payment is returned."
                    : " La consulta ya estaba pagada: te devolvemos este segundo pago.";
        }
        if (!"late_payment".equals(reason)) {
            return "";
        }
        return lang == Lang.EN
                ? " The payment arrived after the time held for you had run out, so the consultation could not be"
                        + " kept. You can book another time at " + publicUrl + "/reserva"
                : " El pago llegó cuando ya había caducado la reserva de la hora, así que no pudimos mantener la"
                        + " consulta. Puedes reservar otra hora en " + publicUrl + "/reserva";
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Mono<Void> queue(EventEnvelope env, Template template, String to, Lang lang, Map<String, String> values,
            List<Attachment> attachments) {
        return Mono.defer(() -> {
            Rendered r = renderer.render(template, lang, values);
            return messages.enqueue(new NewMessage(env.eventId(), env.type(), env.occurredAt(), template.id(), to,
                    lang.code(), r.subject(), r.text(), r.html(), attachments));
        }).then();
    }

    private Mono<ConsultationContact> contactOf(long consultationId, EventEnvelope env) {
        return directory.contact(consultationId)
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn(
                        "No contact known for consultation {}: event {} ({}) sends no email", consultationId,
                        env.eventId(), env.type())));
    }

    private Mono<Void> toDoctor(EventEnvelope env, long doctorId,
            java.util.function.Function<DoctorContact, Mono<Void>> send) {
        // `send` completes empty, so "unknown" is decided on the lookup alone, never on what sending returned.
        return directory.doctor(doctorId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(doctor -> doctor.isPresent() ? send.apply(doctor.get())
                        : Mono.fromRunnable(() -> unknownDoctor(env, doctorId)));
    }

    private static void unknownDoctor(EventEnvelope env, long doctorId) {
        log.warn("Doctor {} is not known here: event {} ({}) sends the doctor no email", doctorId, env.eventId(),
                env.type());
    }

    private Attachment calendar(ConsultationContact c, int sequence, Lang lang, String url, Instant stamp) {
        boolean en = lang == Lang.EN;
        String summary = (en ? "Telemed consultation" : "Consulta Telemed")
                + (c.doctorName() == null ? "" : " · " + c.doctorName());
        String description = (en ? "Video consultation" : "Videoconsulta")
                + (c.specialty() == null ? "" : " (" + c.specialty() + ")") + ". "
                + (en ? "Manage your booking and join the call: " : "Gestiona tu reserva y entra en la llamada: ") + url;
        byte[] ics = IcsCalendar.of(new IcsCalendar.Event("consultation-" + c.consultationId() + "@telemed",
                sequence, c.scheduledAt(), c.durationMinutes(), zone(c.timezone()), summary, description, url, stamp));
        return new Attachment(en ? "consultation.ics" : "consulta.ics", ICS_TYPE, ics);
    }

    /** The video page of the consultation, opened with the patient's manage-link token. */
    private String videoUrl(long consultationId, String token) {
        return publicUrl + "/video-room?consultation=" + consultationId + "&token=" + encode(token);
    }

    private String manageUrl(long consultationId, String token) {
        return publicUrl + "/reserva/gestionar?id=" + consultationId + "&token=" + encode(token);
    }

    private static Map<String, String> when(Instant at, ZoneId zone, Lang lang) {
        return Map.of("date", Formats.date(at, zone, lang), "time", Formats.time(at, zone), "timezone", zone.getId());
    }

    private static Map<String, String> previous(Instant at, ZoneId zone, Lang lang) {
        return Map.of("previous_date", Formats.date(at, zone, lang), "previous_time", Formats.time(at, zone));
    }

    private ZoneId zone(String id) {
        return Formats.zone(id, doctorTimezone);
    }

    /** A sealed field that cannot be opened will never open: the event goes to the dead-letter topic at once. */
    private String open(EventEnvelope env, String field, String sealed) {
        if (sealed == null || sealed.isBlank()) {
            throw new InvalidEventException(field + " of " + env.type() + " is missing");
        }
        try {
            return seal.open(env.type(), field, sealed);
        } catch (FieldCipher.CipherFailure e) {
            throw new InvalidEventException(field + " of " + env.type() + " cannot be opened");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

}
