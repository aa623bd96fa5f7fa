package com.telemed.booking.doctors.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.security.Caller;
import com.telemed.booking.availability.LocalInterval;
import com.telemed.booking.doctors.Agenda;
import com.telemed.booking.doctors.Profile;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** The doctor's own agenda; admins pass {@code doctor_id}. */
@RestController
@RequestMapping("/api/v1/doctor/agenda")
@Validated
class AgendaController {

    record WorkingHoursBody(List<Agenda.WorkingHours> workingHours) {
    }

    record IntervalsBody(List<LocalInterval> intervals) {
    }

    private final Agenda agenda;

    AgendaController(Agenda agenda) {
        this.agenda = agenda;
    }

    @Operation(summary = "The doctor's agenda: profile, hours, overrides and blocks")
    @GetMapping
    Mono<Agenda.View> view(Caller caller, @RequestParam(name = "doctor_id", required = false) Long doctorId) {
        return agenda.target(caller, doctorId, false).flatMap(agenda::view);
    }

    @Operation(summary = "Set the doctor's profile and booking rules")
    @PutMapping("/profile")
    Mono<Agenda.View> profile(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @Valid @RequestBody Profile profile) {
        return agenda.target(caller, doctorId, true)
                .flatMap(id -> agenda.putProfile(id, profile).then(agenda.view(id)));
    }

    @Operation(summary = "Set the weekly working hours")
    @PutMapping("/working-hours")
    Mono<Agenda.View> workingHours(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @RequestBody WorkingHoursBody body) {
        List<Agenda.WorkingHours> hours = body.workingHours() == null ? List.of() : body.workingHours();
        return agenda.target(caller, doctorId, true)
                .flatMap(id -> agenda.putWorkingHours(id, hours).then(agenda.view(id)));
    }

    @Operation(summary = "Set the hours of one date")
    @PutMapping("/overrides/{date}")
    Mono<Agenda.View> override(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @PathVariable LocalDate date,
            @RequestBody IntervalsBody body) {
        List<LocalInterval> intervals = body.intervals() == null ? List.of() : body.intervals();
        return agenda.target(caller, doctorId, true)
                .flatMap(id -> agenda.putOverride(id, date, intervals).then(agenda.view(id)));
    }

    @Operation(summary = "Remove a date's own hours")
    @DeleteMapping("/overrides/{date}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteOverride(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @PathVariable LocalDate date) {
        return agenda.target(caller, doctorId, true).flatMap(id -> agenda.deleteOverride(id, date));
    }

    @Operation(summary = "Block a period")
    @PostMapping("/blocks")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Agenda.Block> block(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @RequestBody Agenda.Block block) {
        return agenda.target(caller, doctorId, true).flatMap(id -> agenda.addBlock(id, block));
    }

    @Operation(summary = "Remove a blocked period")
    @DeleteMapping("/blocks/{blockId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteBlock(Caller caller,
            @RequestParam(name = "doctor_id", required = false) Long doctorId, @PathVariable long blockId) {
        return agenda.target(caller, doctorId, true).flatMap(id -> agenda.deleteBlock(id, blockId));
    }
}
