package com.telemed.booking.dashboard.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.booking.dashboard.DoctorDashboard;
import com.telemed.servicekit.security.Caller;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /api/v1/doctor/dashboard}: the doctor's day in one call. */
@RestController
class DashboardController {

    private final DoctorDashboard dashboard;

    DashboardController(DoctorDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(summary = "The doctor's day at a glance")
    @GetMapping("/api/v1/doctor/dashboard")
    Mono<DoctorDashboard.View> dashboard(Caller caller, @RequestParam(required = false) String tz) {
        return Mono.defer(() -> dashboard.of(caller, tz));
    }
}
