package com.telemed.pdf.owners;

import java.util.List;

import org.springframework.core.ParameterizedTypeReference;

import com.telemed.pdf.owners.OwnerViews.Consultation;
import com.telemed.pdf.owners.OwnerViews.Patient;
import com.telemed.pdf.owners.OwnerViews.PatientSummary;
import com.telemed.pdf.owners.OwnerViews.RecordPage;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owners' endpoints pdf-service reads, always as the caller: clinical-service decides who reaches a history
 * (ADR 10) and booking-service who reaches a consultation; pdf-service keeps no copy of either (ADR 12).
 */
public class Owners {

    private static final ParameterizedTypeReference<PatientSummary> SUMMARY = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<RecordPage> RECORDS = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Consultation> CONSULTATION = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Patient> PATIENT = new ParameterizedTypeReference<>() { };

    private final OwnerClient clinical;
    private final OwnerClient booking;

    public Owners(OwnerClient clinical, OwnerClient booking, JsonMapper json) {
        this.clinical = clinical;
        this.booking = booking;
        // Jackson locks while it builds a deserializer: build these at start-up, never on an event-loop thread.
        for (ParameterizedTypeReference<?> type : List.of(SUMMARY, RECORDS, CONSULTATION, PATIENT)) {
            json.readerFor(json.getTypeFactory().constructType(type.getType()));
        }
    }

    public Mono<PatientSummary> patientSummary(String authorization, long patientId) {
        return clinical.get(authorization, SUMMARY, "/api/v1/doctor/patients/{id}", patientId);
    }

    public Mono<RecordPage> history(String authorization, long patientId, int page, int size) {
        return clinical.get(authorization, RECORDS, "/api/v1/doctor/patients/{id}/history?page={page}&size={size}",
                patientId, page, size);
    }

    /** The signed records of the caller's own consultation, as its patient reads them (ADR 10). */
    public Mono<RecordPage> ownConsultationRecords(String authorization, long consultationId) {
        return clinical.get(authorization, RECORDS, "/api/v1/patient/consultations/{id}/records", consultationId);
    }

    public Mono<Consultation> consultation(String authorization, long consultationId) {
        return booking.get(authorization, CONSULTATION, "/api/v1/consultations/{id}", consultationId);
    }

    /**
     * One patient's name and contact as booking shows them to this doctor; booking answers 404 for a patient outside
     * the doctor's care (or whose identity it withholds), which this answers as empty.
     */
    public Mono<Patient> doctorPatient(String authorization, long patientId) {
        return booking.get(authorization, PATIENT, "/api/v1/doctor/patients/{id}/identity", patientId)
                .onErrorResume(e -> e instanceof OwnerRefused refused && refused.status() == 404, e -> Mono.empty());
    }
}
