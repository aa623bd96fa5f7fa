package com.telemed.booking.consultations;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.BookingProperties;
import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.SlotCalculator;
import com.telemed.booking.availability.SlotRules;
import com.telemed.booking.doctors.BookableDoctor;
import com.telemed.booking.doctors.BookingTargets;
import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationBooked;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * Creates consultations pending payment with a slot hold. Checks run before any write (400 contact, 404 doctor,
 * 422 slot); the exclusion constraint then decides races (409), so a rejected booking leaves nothing behind.
 */
@Service
public class Booking {

    private static final Set<String> LOCALES = Set.of("es", "en");

    private final BookingTargets targets;
    private final Patients patients;
    private final ConsultationStore store;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final BookingProperties properties;
    private final CheckoutTokens checkoutTokens;

    public Booking(BookingTargets targets, Patients patients, ConsultationStore store,
            OutboxWriter outbox, TransactionalOperator tx, BookingProperties properties,
            CheckoutTokens checkoutTokens) {
        this.targets = targets;
        this.patients = patients;
        this.store = store;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.checkoutTokens = checkoutTokens;
    }

    /** Whether the answer is a new consultation or the same one again (a repeated request while the hold lives). */
    public record Outcome(BookingAnswer answer, boolean created) {
    }

    /**
     * The usual booking is one transaction of three statements: patient and consultation in one, then the audit
     * row and the event. Only when the slot is taken does a second transaction release expired holds that overlap
     * it and look for this person's own live hold on it (a repeated request), then try again.
     */
    public Mono<Outcome> bookPublic(BookingRequest r, String clientIp) {
        return Mono.defer(() -> {
            Patients.Contact contact = contactOf(r);
            Patients.validate(contact);
            Caller caller = new Caller("public", "anonymous");
            return prepare(r, true).flatMap(p -> tx.transactional(insertWithPatient(p, r, contact, caller)
                            .flatMap(c -> recorded(p, c, contact, caller, clientIp)))
                    .onErrorResume(SlotConflicts::isSlotTaken, taken -> tx.transactional(
                            store.releaseExpiredHolds(p.doctor().id(), r.scheduledAt(), p.occupiedUntil())
                                    .then(existingHold(r, p))
                                    .switchIfEmpty(Mono.defer(() -> patients.findOrCreate(contact)
                                            .flatMap(patientId -> create(p, r, patientId, contact, caller,
                                                    clientIp))))))
                    .onErrorMap(SlotConflicts::translate));
        });
    }

    /** Staff (or a signed-in patient for themselves) books for an existing patient id or new contact details. */
    public Mono<Outcome> bookFor(Caller caller, BookingRequest r) {
        return Mono.defer(() -> {
            caller.require(caller.canAdminWrite() || caller.isDoctor() || "patient".equals(caller.role()));
            if (caller.isDoctor() && r.doctorId() != null && r.doctorId() != caller.numericId()) {
                throw ApiException.forbidden();
            }
            Long patientId = r.patientId();
            if ("patient".equals(caller.role())) {
                if (patientId != null && patientId != caller.numericId()) {
                    throw ApiException.notFound("Patient");
                }
                patientId = caller.numericId();
            }
            Mono<PatientSide> patient;
            if (patientId != null) {
                patient = patients.byId(patientId).map(v -> new PatientSide(v.id(), new Patients.Contact(v.fullName(),
                        v.email(), v.phone(), v.locale(), r.timezone())));
            } else {
                Patients.Contact contact = contactOf(r);
                Patients.validate(contact);
                patient = Mono.just(new PatientSide(null, contact));
            }
            return patient.flatMap(side -> prepare(r, !caller.isAdmin() && !caller.isDoctor())
                    .flatMap(p -> tx.transactional(store.releaseExpiredHolds(p.doctor().id(), r.scheduledAt(),
                                    p.occupiedUntil())
                            .then(side.id() != null ? Mono.just(side.id()) : patients.findOrCreate(side.contact()))
                            .flatMap(id -> create(p, r, id, side.contact(), caller, null)))
                            .onErrorMap(SlotConflicts::translate)));
        });
    }

    private record PatientSide(Long id, Patients.Contact contact) {
    }

    private record Prepared(BookableDoctor doctor, SlotRules rules, Instant occupiedUntil, String timezone,
            String locale) {
    }

    private Patients.Contact contactOf(BookingRequest r) {
        return new Patients.Contact(r.fullName(), r.email(), r.phone(), localeOf(r), r.timezone());
    }

    private static String localeOf(BookingRequest r) {
        String locale = r.locale() == null ? "es" : r.locale().trim().toLowerCase(Locale.ROOT);
        if (locale.length() > 2) {
            locale = locale.substring(0, 2);
        }
        if (!LOCALES.contains(locale)) {
            throw ApiException.badRequest("invalid-locale", "locale must be es or en");
        }
        return locale;
    }

    /** Request shape (400), doctor (404) and slot (422), all before anything is written. */
    private Mono<Prepared> prepare(BookingRequest r, boolean enforceNotice) {
        if (r.doctorId() == null || r.scheduledAt() == null) {
            return Mono.error(ApiException.badRequest("invalid-request", "doctor_id and scheduled_at are required"));
        }
        String timezone = r.timezone() == null || r.timezone().isBlank() ? null : r.timezone().trim();
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                return Mono.error(ApiException.badRequest("invalid-timezone", "timezone must be an IANA zone id"));
            }
        }
        if (r.reasonForVisit() != null && r.reasonForVisit().length() > 2000) {
            return Mono.error(ApiException.badRequest("invalid-reason", "reason_for_visit is at most 2000 characters"));
        }
        String locale = localeOf(r);
        return targets.of(r.doctorId())
                .flatMap(target -> {
                    BookableDoctor doctor = target.doctor();
                    if (r.specialty() != null && !r.specialty().isBlank() && doctor.specialty() != null
                            && !doctor.specialty().equalsIgnoreCase(r.specialty().trim())) {
                        return Mono.error(ApiException.unprocessable("specialty-mismatch",
                                "This doctor does not offer that specialty"));
                    }
                    SlotRules rules = target.rules();
                    return checkSlot(rules, r.scheduledAt(), enforceNotice)
                            .thenReturn(new Prepared(doctor, rules, r.scheduledAt().plus(rules.occupied()),
                                    timezone == null ? doctor.timezone() : timezone, locale));
                });
    }

    /** 422 for a slot in the past, off the grid, outside working hours or blocked, or outside notice/horizon. */
    Mono<Void> checkSlot(SlotRules rules, Instant at, boolean enforceNotice) {
        Instant now = store.now();
        if (!at.isAfter(now)) {
            return Mono.error(ApiException.unprocessable("slot-in-past", "The requested time is in the past"));
        }
        if (!SlotCalculator.onGrid(rules, at)) {
            return Mono.error(ApiException.unprocessable("slot-unavailable",
                    "The requested time is not one of the doctor's slots"));
        }
        if (enforceNotice) {
            var day = at.atZone(rules.zone()).toLocalDate();
            boolean allowed = SlotCalculator.slots(rules, day, day, now).stream().anyMatch(s -> s.startsAt().equals(at));
            if (!allowed) {
                return Mono.error(ApiException.unprocessable("slot-outside-booking-window",
                        "The requested time is too soon or too far ahead to book"));
            }
        }
        return Mono.empty();
    }

    /** The same person asking again for the same slot while their hold lives gets the same consultation. */
    private Mono<Outcome> existingHold(BookingRequest r, Prepared p) {
        return store.db().sql("select c.id from consultations c join patients pt on pt.id = c.patient_id"
                        + " where pt.email_index = :idx and c.doctor_id = :doctor and c.scheduled_at = :at"
                        + " and c.status = 'pending_payment' and c.hold_expires_at > :now")
                .bind("idx", patients.indexOf(r.email().trim()))
                .bind("doctor", p.doctor().id())
                .bind("at", r.scheduledAt().atOffset(ZoneOffset.UTC))
                .bind("now", store.now().atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(store::lock)
                .map(c -> new Outcome(answer(c, p.doctor()), false));
    }

    private static final String INSERT = """
            insert into consultations (patient_id, doctor_id, specialty, reason_for_visit, scheduled_at,
                   duration_minutes, occupied_until, status, amount, currency, hold_expires_at, locale, timezone,
                   booked_by)
            """;
    private static final String VALUES_AFTER_PATIENT = """
            :doctor, :specialty, :reason, :at, :duration, :until, 'pending_payment', :amount, :currency, :hold,
                   :locale, :tz, :bookedBy""";
    private static final String INSERT_WITH_PATIENT = "with patient as (" + Patients.UPSERT + ")\n" + INSERT
            + "select patient.id, " + VALUES_AFTER_PATIENT + " from patient returning " + Consultation.COLUMNS;
    private static final String INSERT_FOR_PATIENT = INSERT + "values (:patient, " + VALUES_AFTER_PATIENT
            + ") returning " + Consultation.COLUMNS;

    /** Creates the patient (or finds them by email) and the consultation in one statement. */
    private Mono<Consultation> insertWithPatient(Prepared p, BookingRequest r, Patients.Contact contact,
            Caller caller) {
        return bindConsultation(patients.bindUpsert(store.db().sql(INSERT_WITH_PATIENT), contact), p, r, caller)
                .map(Consultation::of).one();
    }

    private Mono<Outcome> create(Prepared p, BookingRequest r, long patientId, Patients.Contact contact,
            Caller caller, String clientIp) {
        return bindConsultation(store.db().sql(INSERT_FOR_PATIENT).bind("patient", patientId), p, r, caller)
                .map(Consultation::of).one()
                .flatMap(c -> recorded(p, c, contact, caller, clientIp));
    }

    private DatabaseClient.GenericExecuteSpec bindConsultation(DatabaseClient.GenericExecuteSpec spec, Prepared p,
            BookingRequest r, Caller caller) {
        BookableDoctor doctor = p.doctor();
        return spec.bind("doctor", doctor.id())
                .bind("specialty", Parameter.fromOrEmpty(doctor.specialty(), String.class))
                .bind("reason", Parameter.fromOrEmpty(
                        patients.seal(r.reasonForVisit(), "consultations.reason_for_visit"), String.class))
                .bind("at", r.scheduledAt().atOffset(ZoneOffset.UTC))
                .bind("duration", p.rules().slotMinutes())
                .bind("until", p.occupiedUntil().atOffset(ZoneOffset.UTC))
                .bind("amount", doctor.feeAmount())
                .bind("currency", doctor.currency())
                .bind("hold", store.now().plus(properties.hold()).atOffset(ZoneOffset.UTC))
                .bind("locale", p.locale())
                .bind("tz", p.timezone())
                .bind("bookedBy", caller.role());
    }

    /** A new consultation is audited (patient data was written) and announced through the outbox. */
    private Mono<Outcome> recorded(Prepared p, Consultation c, Patients.Contact contact, Caller caller,
            String clientIp) {
        BookableDoctor doctor = p.doctor();
        return store.audit(new AuditEntry(caller.id(), caller.role(), c.patientId(), "consultation:" + c.id(),
                        "create", "success", clientIp))
                .then(outbox.write(new ConsultationBooked(c.id(), c.patientId(), doctor.id(), c.specialty(),
                        c.scheduledAt(), c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(),
                        contact.email().trim(), contact.fullName().trim(), p.locale(), p.timezone(),
                        doctor.fullName()), c.id()))
                .thenReturn(new Outcome(answer(c, doctor), true));
    }

    private BookingAnswer answer(Consultation c, BookableDoctor doctor) {
        return new BookingAnswer(c.id(), c.status(), doctor.id(), doctor.fullName(), c.specialty(), c.scheduledAt(),
                c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(),
                BookingAnswer.NextStep.checkout(c.id(), checkoutTokens.issue(c.id()), c.holdExpiresAt()));
    }

}
