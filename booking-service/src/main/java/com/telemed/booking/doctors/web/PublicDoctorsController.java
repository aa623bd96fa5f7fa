package com.telemed.booking.doctors.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.booking.BookingProperties;
import com.telemed.booking.availability.Availability;
import com.telemed.booking.availability.Slot;
import com.telemed.booking.doctors.Directory;
import com.telemed.booking.doctors.PublicDoctor;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** The public directory and free slots (no account needed). */
@RestController
@RequestMapping("/api/v1/consultations/public/doctors")
class PublicDoctorsController {

    record FreeSlots(long doctorId, String timezone, int slotMinutes, Instant from, Instant to, List<Slot> slots) {
    }

    private final Directory directory;
    private final Availability availability;
    private final Clock clock;
    private final BookingProperties properties;

    PublicDoctorsController(Directory directory, Availability availability, Clock clock, BookingProperties properties) {
        this.directory = directory;
        this.availability = availability;
        this.clock = clock;
        this.properties = properties;
    }

    @Operation(summary = "Doctors who take bookings, with their next free times")
    @GetMapping
    Flux<PublicDoctor> doctors(@RequestParam(required = false) String specialty) {
        return directory.publicList(specialty);
    }

    /** Free slots starting in [from, to) (ISO instants; default the next 14 days). */
    @Operation(summary = "A doctor's free times in a period")
    @GetMapping("/{id}/slots")
    Mono<FreeSlots> slots(@PathVariable long id, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant start = from == null ? clock.instant() : from;
        Instant end = to == null ? start.plus(Duration.ofDays(14)) : to;
        if (!end.isAfter(start) || Duration.between(start, end).toDays() > properties.maxSlotRangeDays()) {
            return Mono.error(ApiException.unprocessable("invalid-range",
                    "to must be after from, at most " + properties.maxSlotRangeDays() + " days"));
        }
        return directory.bookable(id)
                .flatMap(doctor -> availability.rulesOf(id)
                        .flatMap(rules -> availability.freeSlots(id, rules, start, end)
                                .map(slots -> new FreeSlots(id, doctor.timezone(), doctor.slotMinutes(), start, end,
                                        slots))));
    }
}
