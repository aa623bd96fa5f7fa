package com.telemed.clinical.records.web;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.clinical.records.ClinicalHistory;
import com.telemed.clinical.records.ClinicalRecord;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.Page;
import com.telemed.webkit.ClientIp;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** The patient's view: the signed records of their own consultation ({@code /api/v1/patient/consultations/…}). */
@RestController
class PatientRecordsController {

    private final ClinicalHistory history;

    PatientRecordsController(ClinicalHistory history) {
        this.history = history;
    }

    @Operation(summary = "The signed records of the patient's consultation")
    @GetMapping("/api/v1/patient/consultations/{id}/records")
    Mono<Page<ClinicalRecord>> records(Caller caller, ServerHttpRequest request, @PathVariable long id) {
        return Mono.defer(() -> history.consultationRecordsForPatient(
                new ClinicalHistory.Actor(caller, ClientIp.of(request)), id));
    }
}
