package com.telemed.booking.consultations;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
     * The usual booking is one transaction of four statements: the doctor's agenda turn, patient and consultation
     * in one, then the audit row and the event. Only when the slot is taken does a second transaction release
     * expired holds that overlap it and look for this person's own live hold on it (a repeated request), then try
     * again.
     */
    public Mono<Outcome> bookPublic(BookingRequest r, String clientIp, String captchaToken) {
        return Mono.defer(() -> {
            Patients.Contact contact = contactOf(r);
            Patients.validate(contact);
            Caller caller = new Caller("public", "anonymous");
            return prepare(r, true)
                    .flatMap(p -> captcha.verify(captchaToken, clientIp).then(checkHoldCaps(r, clientIp)).thenReturn(p))
                    .flatMap(p -> tx.transactional(store.lockAgenda(p.doctor().id())
                                    .then(insertWithPatient(p, r, contact, caller, clientIp))
                                    .flatMap(c -> recorded(p, c, contact, caller, clientIp)))
                    .transform(Contention.retried())
                    .onErrorResume(SlotConflicts::isSlotTaken, taken -> tx.transactional(
                            store.lockAgenda(p.doctor().id())
                                    .then(store.releaseExpiredHolds(p.doctor().id(), r.scheduledAt(),
                                            p.occupiedUntil()))
                                    .then(existingHold(r, p))
                                    .switchIfEmpty(Mono.defer(() -> patients.findOrCreate(contact)
                                            .flatMap(patientId -> create(p, r, patientId, contact, caller,
                                                    clientIp)))))
                            .transform(Contention.retried()))
                    .onErrorMap(SlotConflicts::translate));
        });
    }

    /**
     * Staff (or a signed-in patient for themselves) books for an existing patient id or new contact details. A
     * doctor may book {@code immediate}ly (now, rounded down to the minute: the minimum notice and the slot grid do
     * not apply, an overlap is still 409) and choose the payment mode: online waits for payment and the patient gets
     * a payment link by email; clinic and free confirm at once (audited) and are never paid online.
     */
    public Mono<Outcome> bookFor(Caller caller, BookingRequest request) {
        return Mono.defer(() -> {
            caller.require(caller.canAdminWrite() || caller.isDoctor() || "patient".equals(caller.role()));
            if (caller.isDoctor() && request.doctorId() != null && request.doctorId() != caller.numericId()) {
                throw ApiException.forbidden();
            }
            PaymentMode mode = PaymentMode.parse(request.paymentMode());
            if (mode != PaymentMode.ONLINE && !(caller.isDoctor() || caller.canAdminWrite())) {
                throw ApiException.unprocessable("payment-mode-not-allowed",
                        "Only staff may book a consultation paid at the clinic or free");
            }
            BookingRequest r = request;
            if (r.isImmediate()) {
                if (!caller.isDoctor()) {
                    throw ApiException.unprocessable("immediate-not-allowed",
                            "Only a doctor may start an immediate consultation, on their own agenda");
                }
                if (r.scheduledAt() != null) {
                    throw ApiException.unprocessable("immediate-with-time",
                            "Send either immediate or scheduled_at, not both");
                }
                r = r.at(store.now().truncatedTo(ChronoUnit.MINUTES));
            }
            if (caller.isDoctor() && r.doctorId() == null) {
                r = new BookingRequest(caller.numericId(), r.specialty(), r.scheduledAt(), r.patientId(),
                        r.fullName(), r.email(), r.phone(), r.reasonForVisit(), r.locale(), r.timezone(),
                        r.immediate(), r.paymentMode());
            }
            Long patientId = r.patientId();
            if ("patient".equals(caller.role())) {
                if (patientId != null && patientId != caller.numericId()) {
                    throw ApiException.notFound("Patient");
                }
                patientId = caller.numericId();
            }
            BookingRequest req = r;
            Mono<PatientSide> patient;
            if (patientId != null) {
                long id = patientId;
                // A doctor books by id only a patient already in their care: ids are sequential.
                Mono<Boolean> allowed = caller.isDoctor() ? store.hasCareRelationship(id, caller.numericId())
                        : Mono.just(true);
                patient = allowed.flatMap(ok -> ok ? patients.byId(id) : Mono.error(ApiException.notFound("Patient")))
                        .map(v -> new PatientSide(v.id(), new Patients.Contact(v.fullName(), v.email(), v.phone(),
                                v.locale(), req.timezone()), false));
            } else {
                Patients.Contact contact = contactOf(req);
                Patients.validate(contact);
                // Typed details whose email belongs to a patient outside this doctor's care: booked for that patient
                // with the same answer (nothing tells the doctor the email is known), but confirming it without
                // payment must not make the patient theirs, so the identity stays withheld.
                patient = caller.isDoctor() && mode != PaymentMode.ONLINE
                        ? patients.idByEmail(contact.email())
                                .flatMap(known -> store.hasCareRelationship(known, caller.numericId()).map(care -> !care))
                                .defaultIfEmpty(false)
                                .map(withheld -> new PatientSide(null, contact, withheld))
                        : Mono.just(new PatientSide(null, contact, false));
            }
            boolean checkSlot = !req.isImmediate();
            return patient.flatMap(side -> prepare(req, !caller.isAdmin() && !caller.isDoctor(), checkSlot)
                    .flatMap(p -> tx.transactional(store.lockAgenda(p.doctor().id())
                            .then(store.releaseExpiredHolds(p.doctor().id(), req.scheduledAt(), p.occupiedUntil()))
                            .then(side.id() != null ? Mono.just(side.id()) : patients.findOrCreate(side.contact()))
                            .flatMap(id -> create(p, req, id, side.contact(), caller, null, mode,
                                    side.identityWithheld())))
                            .transform(Contention.retried())
                            .onErrorMap(SlotConflicts::translate)));
        });
    }

    private record PatientSide(Long id, Patients.Contact contact, boolean identityWithheld) {
    }

    /**
     * 429 when this email or this client address already has as many live holds as allowed: a hold keeps a slot
     * from everyone for the hold's time, so one person or one address must not keep a doctor's agenda full. The
     * same answer for both, so it does not tell whether an address has bookings. Checked before the booking's
     * transaction; concurrent requests may pass the cap by the few that race it.
     */
    private Mono<Void> checkHoldCaps(BookingRequest r, String clientIp) {
        int perEmail = properties.maxLiveHoldsPerEmail();
        int perAddress = properties.maxLiveHoldsPerClientIp();
        Mono<Long> byEmail = patients.idByEmail(r.email())
                .flatMap(id -> store.liveHoldsOfPatient(id, r.doctorId(), r.scheduledAt(), perEmail))
                .defaultIfEmpty(0L);
        Mono<Long> byAddress = clientIp == null || perAddress <= 0 ? Mono.just(0L)
                : store.liveHoldsFromAddress(clientIp, r.doctorId(), r.scheduledAt(), perAddress);
        return Mono.zip(byEmail, byAddress).flatMap(t -> t.getT1() >= perEmail
                || perAddress > 0 && t.getT2() >= perAddress
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

    private Mono<Prepared> prepare(BookingRequest r, boolean enforceNotice) {
        return prepare(r, enforceNotice, true);
    }

    /**
     * Request shape (400), doctor (404) and slot (422), all before anything is written; an immediate consultation
     * skips the slot checks (it starts now, whatever the grid).
     */
    private Mono<Prepared> prepare(BookingRequest r, boolean enforceNotice, boolean checkSlot) {
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
                    Mono<Void> slot = checkSlot ? availability.checkSlot(rules, r.scheduledAt(), enforceNotice)
                            : Mono.empty();
                    return slot.thenReturn(new Prepared(doctor, rules, r.scheduledAt().plus(rules.occupied()),
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

    /**
     * A staff booking: online ones wait for payment and carry the sealed checkout token so the patient is emailed a
     * payment link; clinic and free ones are confirmed in the same transaction, recorded and audited as such.
     */
    private Mono<Outcome> create(Prepared p, BookingRequest r, long patientId, Patients.Contact contact,
            Caller caller, String clientIp, PaymentMode mode, boolean identityWithheld) {
        ConsultationStore.NewConsultation n = newConsultation(p, r, caller, clientIp);
        if (mode == PaymentMode.FREE) {
            n = n.free();
        }
        return store.insert(patientId, n.withIdentityWithheld(identityWithheld))
                .flatMap(c -> {
                    String checkoutToken = mode == PaymentMode.ONLINE && !"patient".equals(caller.role())
                            ? checkoutTokens.issue(c.id()) : null;
                    Mono<Outcome> booked = recorded(p, c, contact, caller, clientIp, checkoutToken);
                    if (mode == PaymentMode.ONLINE) {
                        return booked;
                    }
                    return booked.flatMap(o -> store.confirmWithoutPayment(c, mode, identityWithheld)
                            .then(store.audit(caller, c.patientId(), "consultation:" + c.id(),
                                    "confirm-" + mode.wire()))
                            .then(store.find(c.id()))
                            .map(confirmed -> new Outcome(answer(confirmed, p.doctor()), true)));
                });
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
        return recorded(p, c, contact, caller, clientIp, null);
    }

    private Mono<Outcome> recorded(Prepared p, Consultation c, Patients.Contact contact, Caller caller,
            String clientIp, String checkoutToken) {
        BookableDoctor doctor = p.doctor();
        return store.audit(new AuditEntry(caller.id(), caller.role(), c.patientId(), "consultation:" + c.id(),
                        "create", "success", clientIp))
                .then(outbox.write(new ConsultationBooked(c.id(), c.patientId(), doctor.id(), c.specialty(),
                        c.scheduledAt(), c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(),
                        seal.seal(BOOKED, ConsultationBooked.SEALED_PATIENT_EMAIL, contact.email().trim()),
                        seal.seal(BOOKED, ConsultationBooked.SEALED_PATIENT_NAME, contact.fullName().trim()),
                        p.locale(), p.timezone(), doctor.fullName(), checkoutToken == null ? null
                                : seal.seal(BOOKED, ConsultationBooked.SEALED_CHECKOUT_TOKEN, checkoutToken)),
                        c.id()))
                .thenReturn(new Outcome(answer(c, doctor), true));
    }

    /** The answer; a consultation already confirmed (at the clinic, free) has no checkout to go to. */
    private BookingAnswer answer(Consultation c, BookableDoctor doctor) {
        boolean pending = c.status() == ConsultationStatus.PENDING_PAYMENT;
        return new BookingAnswer(c.id(), c.status().wire(), doctor.id(), doctor.fullName(), c.specialty(), c.scheduledAt(),
                c.durationMinutes(), c.amount(), c.currency(), c.holdExpiresAt(), c.paymentStatus(),
                pending ? BookingAnswer.NextStep.checkout(c.id(), checkoutTokens.issue(c.id()), c.holdExpiresAt())
                        : null);
    }

}
