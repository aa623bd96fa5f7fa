package com.telemed.booking.doctors;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import com.telemed.booking.BookingProperties;
import com.telemed.booking.availability.Availability;
import com.telemed.events.MedicalProfessionalRegistered;
import com.telemed.events.MedicalProfessionalUpdated;
import com.telemed.servicekit.security.Roles;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The doctors directory: a projection of staff events (name, specialty, active) joined with the public profile
 * owned here. Only doctors with a profile can be booked.
 */
@Service
public class Directory {

    private static final int NEXT_SLOTS = 3;
    private static final Duration NEXT_SLOTS_HORIZON = Duration.ofDays(14);

    private final DatabaseClient db;
    private final Availability availability;
    private final Clock clock;
    private final BookingProperties properties;
    private final boolean localMode;
    private final BookingTargets targets;

    public Directory(DatabaseClient db, Availability availability, Clock clock, BookingProperties properties,
            Environment env, BookingTargets targets) {
        this.db = db;
        this.availability = availability;
        this.clock = clock;
        this.properties = properties;
        this.localMode = env.getProperty("telemed.local-mode", Boolean.class, false);
        this.targets = targets;
    }

    /** Applies a registration; in local mode a bookable doctor also gets the default profile and hours. */
    public Mono<Void> registered(MedicalProfessionalRegistered event) {
        Mono<Void> upsert = upsert(event.userId(), event.fullName(), event.role(), event.specialty(),
                event.licenseNumber(), true);
        if (!localMode || (event.role() == null || !Roles.DOCTORS.contains(event.role()))) {
            return upsert.then(targets.evictAfterCommit(event.userId()));
        }
        return upsert.then(defaultProfile(event.userId())).then(targets.evictAfterCommit(event.userId()));
    }

    public Mono<Void> updated(MedicalProfessionalUpdated event) {
        return upsert(event.userId(), event.fullName(), event.role(), event.specialty(), event.licenseNumber(),
                event.active()).then(targets.evictAfterCommit(event.userId()));
    }

    private Mono<Void> upsert(long id, String fullName, String role, String specialty, String license, boolean active) {
        return db.sql("""
                        insert into doctors (id, full_name, role, specialty, license_number, active)
                        values (:id, :name, :role, :specialty, :license, :active)
                        on conflict (id) do update set full_name = excluded.full_name, role = excluded.role,
                            specialty = excluded.specialty, license_number = excluded.license_number,
                            active = excluded.active, updated_at = now()""")
                .bind("id", id)
                .bind("name", fullName)
                .bind("role", role)
                .bind("specialty", org.springframework.r2dbc.core.Parameter.fromOrEmpty(specialty, String.class))
                .bind("license", org.springframework.r2dbc.core.Parameter.fromOrEmpty(license, String.class))
                .bind("active", active)
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> defaultProfile(long doctorId) {
        BookingProperties.DefaultProfile d = properties.defaultProfile();
        Mono<Long> profile = db.sql("""
                        insert into doctor_profiles (doctor_id, fee_amount, currency, slot_minutes, timezone, languages)
                        values (:id, :fee, :currency, :slot, :tz, 'es,en') on conflict (doctor_id) do nothing""")
                .bind("id", doctorId).bind("fee", d.feeAmount()).bind("currency", d.currency())
                .bind("slot", d.slotMinutes()).bind("tz", d.timezone())
                .fetch().rowsUpdated();
        return profile.flatMap(created -> created == 0 ? Mono.empty()
                : Flux.fromArray(DayOfWeek.values()).filter(day -> day.getValue() <= 5)
                        .concatMap(day -> db.sql("""
                                        insert into working_hours (doctor_id, weekday, start_time, end_time)
                                        values (:id, :day, :start, :end) on conflict do nothing""")
                                .bind("id", doctorId).bind("day", (short) day.getValue())
                                .bind("start", LocalTime.parse(d.dayStart())).bind("end", LocalTime.parse(d.dayEnd()))
                                .fetch().rowsUpdated())
                        .then());
    }

    /** The doctor if they can be booked, else 404. */
    public Mono<BookableDoctor> bookable(long doctorId) {
        return db.sql("""
                        select d.id, d.full_name, d.specialty, p.fee_amount, p.currency, p.slot_minutes, p.timezone
                          from doctors d join doctor_profiles p on p.doctor_id = d.id
                         where d.id = :id and d.active and d.role in ('specialist', 'doctor')""")
                .bind("id", doctorId)
                .map(row -> new BookableDoctor(row.get("id", Long.class), row.get("full_name", String.class),
                        row.get("specialty", String.class), row.get("fee_amount", Long.class),
                        row.get("currency", String.class), row.get("slot_minutes", Integer.class),
                        row.get("timezone", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Doctor")));
    }

    /** Whether a doctor exists in the projection (any role, active or not). */
    public Mono<Boolean> exists(long doctorId) {
        return db.sql("select 1 from doctors where id = :id").bind("id", doctorId).fetch().first().hasElement();
    }

    /** Active bookable doctors, optionally of one specialty (case-insensitive), each with their next free slots. */
    public Flux<PublicDoctor> publicList(String specialty) {
        String filter = specialty == null || specialty.isBlank() ? null : specialty.trim();
        var spec = db.sql("""
                        select d.id, d.full_name, d.specialty, p.bio, p.fee_amount, p.currency, p.slot_minutes,
                               p.languages, p.timezone
                          from doctors d join doctor_profiles p on p.doctor_id = d.id
                         where d.active and d.role in ('specialist', 'doctor')
                           and (cast(:specialty as text) is null or lower(d.specialty) = lower(cast(:specialty as text)))
                         order by d.specialty, d.full_name""")
                .bind("specialty", org.springframework.r2dbc.core.Parameter.fromOrEmpty(filter, String.class));
        return spec.map(row -> new PublicDoctor(row.get("id", Long.class), row.get("full_name", String.class),
                        row.get("specialty", String.class), row.get("bio", String.class),
                        row.get("fee_amount", Long.class), row.get("currency", String.class),
                        row.get("slot_minutes", Integer.class),
                        Arrays.stream(row.get("languages", String.class).split(",")).filter(s -> !s.isBlank()).toList(),
                        row.get("timezone", String.class), List.of()))
                .all()
                // Read to the end first: each doctor's slots need a connection of their own, and a cursor kept
                // open meanwhile would hold one per listing (enough listings at once would exhaust the pool).
                .collectList()
                .flatMapIterable(list -> list)
                .concatMap(this::withNextSlots);
    }

    private Mono<PublicDoctor> withNextSlots(PublicDoctor doctor) {
        var now = clock.instant();
        return availability.rulesOf(doctor.id())
                .flatMap(rules -> availability.freeSlots(doctor.id(), rules, now, now.plus(NEXT_SLOTS_HORIZON)))
                .map(slots -> slots.stream().limit(NEXT_SLOTS).toList())
                .defaultIfEmpty(List.of())
                .map(next -> new PublicDoctor(doctor.id(), doctor.fullName(), doctor.specialty(), doctor.bio(),
                        doctor.consultationFee(), doctor.currency(), doctor.durationMinutes(), doctor.languages(),
                        doctor.timezone(), next));
    }
}
