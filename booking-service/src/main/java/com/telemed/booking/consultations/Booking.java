package com.telemed.booking.consultations;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.booking.BookingProperties;
import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.Availability;
import com.telemed.booking.availability.SlotRules;
import com.telemed.booking.doctors.BookableDoctor;
import com.telemed.booking.doctors.BookingTargets;
import com.telemed.booking.patients.Patients;
import com.telemed.events.ConsultationBooked;
import com.telemed.events.EventType;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.db.Contention;
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
    private static final String BOOKED = EventType.of(ConsultationBooked.class).typeName();

    private final BookingTargets targets;
    private final Patients patients;
    private final ConsultationStore store;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final BookingProperties properties;
    private final CheckoutTokens checkoutTokens;
    private final Availability availability;
    private final EventSeal seal;
    private final Captcha captcha;

    public Booking(BookingTargets targets, Patients patients, ConsultationStore store,
            OutboxWriter outbox, TransactionalOperator tx, BookingProperties properties,
            CheckoutTokens checkoutTokens, Availability availability, EventSeal seal, Captcha captcha) {
        this.captcha = captcha;
        this.availability = availability;
        this.seal = seal;
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
    public Mono<Outcome> bookPublic(BookingRequest r, String clientIp, String captchaToken) {
        return Mono.defer(() -> {
            Patients.Contact contact = contactOf(r);
            Patients.validate(contact);
            Caller caller = new Caller("public", "anonymous");
            return prepare(r, true)
                    .flatMap(p -> captcha.verify(captchaToken, clientIp).then(checkHoldCaps(r, clientIp)).thenReturn(p))
                    .flatMap(p -> tx.transactional(insertWithPatient(p, r, contact, caller, clientIp)
                            .flatMap(c -> recorded(p, c, contact, caller, clientIp)))
                    .transform(Contention.retried())
                    .onErrorResume(SlotConflicts::isSlotTaken, taken -> tx.transactional(
                            store.releaseExpiredHolds(p.doctor().id(), r.scheduledAt(), p.occupiedUntil())
                                    .then(existingHold(r, p))
                                    .switchIfEmpty(Mono.defer(() -> patients.findOrCreate(contact)
                                            .flatMap(patientId -> create(p, r, patientId, contact, caller,
                                                    clientIp)))))
                            .transform(Contention.retried()))
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
                long id = patientId;
                // A doctor books by id only a patient already in their care: ids are sequential.
                Mono<Boolean> allowed = caller.isDoctor() ? store.hasCareRelationship(id, caller.numericId())
                        : Mono.just(true);
                patient = allowed.flatMap(ok -> ok ? patients.byId(id) : Mono.error(ApiException.notFound("Patient")))
                        .map(v -> new PatientSide(v.id(), new Patients.Contact(v.fullName(), v.email(), v.phone(),
                                v.locale(), r.timezone())));
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
                            .transform(Contention.retried())
                            .onErrorMap(SlotConflicts::translate)));
        });
    }

    private record PatientSide(Long id, Patients.Contact contact) {
    }

    /**
     * 429 when this email or this client address already has as many live holds as allowed: a hold keeps a slot
     * from everyone for the hold's time, so one person or one address must not keep a doctor's agenda full. The
     * same answer for both, so it does not tell whether an address has bookings. Checked before the booking's
     * transaction; concurrent requests may pass the cap by the few that race it.
     */
    private Mono<Void> checkHoldCaps(BookingRequest r, String clientIp) {
        Mono<Long> byEmail = patients.idByEmail(r.email())
                .flatMap(id -> store.liveHolds(id, null, r.doctorId(), r.scheduledAt()))
                .defaultIfEmpty(0L);
        Mono<Long> byAddress = clientIp == null ? Mono.just(0L)
                : store.liveHolds(null, clientIp, r.doctorId(), r.scheduledAt());
        return Mono.zip(byEmail, byAddress).flatMap(t -> t.getT1() >= properties.maxLiveHoldsPerEmail()
                || t.getT2() >= properties.maxLiveHoldsPerClientIp()
                        ? Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-holds",
                                "Too many bookings are waiting for payment; pay for one or wait until it expires"))
                        : Mono.empty());
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
                    return availability.checkSlot(rules, r.scheduledAt(), enforceNotice)
                            .thenReturn(new Prepared(doctor, rules, r.scheduledAt().plus(rules.occupied()),
                                    timezone == null ? doctor.timezone() : timezone, locale));
                });
    }

    /** The same person asking again for the same slot while their hold lives gets the same consultation. */
    private Mono<Outcome> existingHold(BookingRequest r, Prepared p) {
        return patients.idByEmail(r.email())
                .flatMap(patientId -> store.liveHold(patientId, p.doctor().id(), r.scheduledAt()))
                .map(c -> new Outcome(answer(c, p.doctor()), false));
    }

    /** Creates the patient (or finds them by email) and the consultation in one statement. */
    private Mono<Consultation> insertWithPatient(Prepared p, BookingRequest r, Patients.Contact contact,
            Caller caller, String clientIp) {
        return store.insert(contact, newConsultation(p, r, caller, clientIp));
    }

    private Mono<Outcome> create(Prepared p, BookingRequest r, long patientId, Patients.Contact contact,
            Caller caller, String clientIp) {
        return store.insert(patientId, newConsultation(p, r, caller, clientIp))
                .flatMap(c -> recorded(p, c, contact, caller, clientIp));
    }

    private ConsultationStore.NewConsultation newConsultation(Prepared p, BookingRequest r, Caller caller,
            String clientIp) {
        BookableDoctor doctor = p.doctor();
        return new ConsultationStore.NewConsultation(doctor.id(), doctor.specialty(),
                patients.seal(r.reasonForVisit(), "consultations.reason_for_visit"), r.scheduledAt(),
                p.rules().slotMinutes(), p.occupiedUntil(), doctor.feeAmount(), doctor.currency(),
                store.now().plus(properties.hold()), p.locale(), p.timezone(), caller.role(), clientIp);
    }

    /** A new consultation is audited (patient data was written) and announced through the outbox. */
    private Mono<Outcome> recorded(Prepared p, Consultation c, Patients.Contact contact, Caller caller,
            String clientIp) {
        BookableDoctor doctor = p.doctor();
        return store.audit(new AuditEntry(caller.id(), caller.role(), c.patientId(), "consultation:" + c.id(),
                        "create", "success", clientIp))
                .then(outbox.write(new ConsultationBooked(c.id(), c.patientId(), doctor.id(), c.specialty(),
                        c.scheduledAt(), c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(),
                        seal.seal(BOOKED, ConsultationBooked.SEALED_PATIENT_EMAIL, contact.email().trim()),
                        seal.seal(BOOKED, ConsultationBooked.SEALED_PATIENT_NAME, contact.fullName().trim()),
                        p.locale(), p.timezone(), doctor.fullName()), c.id()))
                .thenReturn(new Outcome(answer(c, doctor), true));
    }

    private BookingAnswer answer(Consultation c, BookableDoctor doctor) {
        return new BookingAnswer(c.id(), c.status().wire(), doctor.id(), doctor.fullName(), c.specialty(), c.scheduledAt(),
                c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(),
                BookingAnswer.NextStep.checkout(c.id(), checkoutTokens.issue(c.id()), c.holdExpiresAt()));
    }

}
