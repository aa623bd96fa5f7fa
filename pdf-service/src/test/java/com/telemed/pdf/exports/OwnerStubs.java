package com.telemed.pdf.exports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The owners' answers as they really come (field for field what clinical-service's {@code ClinicalRecord},
 * {@code PatientSummary}, {@code Page} and booking-service's {@code ConsultationView}, {@code PatientView}
 * serialise to), each given only to the tokens the owner would answer.
 */
final class OwnerStubs {

    static final String PATIENT_NAME = "Ana García Núñez Ξένια Жукова";
    static final String COMPLAINT = "Cefalea pulsátil con fotofobia";

    private OwnerStubs() {
    }

    static String record(long id, long patient, long consultation, String status) {
        return """
                {"id": %d, "patient_id": %d, "consultation_id": %d, "author": {"id": 11, "full_name": "Dra. Begoña Núñez"},
                 "chief_complaint": "%s (%d)", "background": "Migrañas desde la niñez",
                 "assessment": "Migraña sin aura", "plan": "Ibuprofeno si dolor; diario de cefaleas; revisión en 1 mes (30 €)",
                 "allergies": [{"substance": "Penicilina", "reaction": "Urticaria", "severity": "severe"}],
                 "medications": [{"name": "Ibuprofeno", "dose": "400 mg", "frequency": "cada 8 horas", "route": "oral"}],
                 "status": "%s", "created_at": "2026-11-20T09:00:00Z", "updated_at": "2026-11-20T09:30:00Z",
                 "signed_at": "2026-11-20T09:30:00Z", "entered_in_error_reason": null, "entered_in_error_at": null,
                 "addenda": [{"id": 3, "text": "Mejoría clara tras dos semanas", "author": {"id": 11, "full_name": "Dra. Begoña Núñez"},
                              "created_at": "2026-11-27T10:00:00Z"}]}
                """.formatted(id, patient, consultation, COMPLAINT, id, status);
    }

    static String history(long patient, long consultation, long firstRecord) {
        return """
                {"items": [%s, %s, %s], "page": 0, "size": 100, "total": 3}
                """.formatted(record(firstRecord, patient, consultation, "amended"),
                record(firstRecord + 1, patient, consultation, "signed"),
                record(firstRecord + 2, patient, consultation, "draft"));
    }

    /** clinical-service's answer to the patient: the signed and amended records of the consultation only. */
    static String ownConsultationRecords(long patient, long consultation, long firstRecord) {
        return """
                {"items": [%s, %s], "page": 0, "size": 2, "total": 2}
                """.formatted(record(firstRecord, patient, consultation, "amended"),
                record(firstRecord + 1, patient, consultation, "signed"));
    }

    static String summary(long patient, long consultation) {
        return """
                {"patient_id": %d, "consultations": [{"consultation_id": %d, "scheduled_at": "2026-11-20T09:00:00Z", "status": "completed"}],
                 "last_consultation_at": "2026-11-20T09:00:00Z",
                 "allergies": [{"substance": "Penicilina", "reaction": "Urticaria", "severity": "severe"}],
                 "medications": [{"name": "Ibuprofeno", "dose": "400 mg", "frequency": "cada 8 horas", "route": "oral"}],
                 "records_count": 2, "last_record_at": "2026-11-20T09:00:00Z"}
                """.formatted(patient, consultation);
    }

    static String consultation(long id, long patient, long doctor) {
        return """
                {"id": %d, "patient_id": %d, "patient_name": "%s", "doctor_id": %d, "doctor_name": "Dra. Begoña Núñez",
                 "specialty": "Neurología", "consultation_type": "video", "reason_for_visit": "Dolor de cabeza frecuente",
                 "notes": null, "scheduled_at": "2026-11-20T09:00:00Z", "duration_minutes": 30, "status": "completed",
                 "amount": 4500, "currency": "eur", "hold_expires_at": null, "payment_status": "paid",
                 "timezone": "Europe/Madrid", "cancel_reason": null, "created_at": "2026-11-18T12:00:00Z",
                 "doctor_license_number": "COL-28/12345"}
                """.formatted(id, patient, PATIENT_NAME, doctor);
    }

    /** booking's {@code GET /api/v1/doctor/patients/{id}/identity} for a patient in the doctor's care. */
    static String patientIdentity(long patient) {
        return """
                {"id": %d, "full_name": "%s", "email": "ana@example.test", "phone": "+34600111222", "locale": "es",
                 "created_at": "2026-11-01T10:00:00Z", "consultations_count": 1, "last_consultation_at": "2026-11-20T09:00:00Z"}
                """.formatted(patient, PATIENT_NAME);
    }

    static void answer(WireMockServer server, String path, String token, String json) {
        server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json)));
    }

    /** What the owners answer anyone they do not answer with data: their problem+json 404. */
    static void notFoundForOthers(WireMockServer server) {
        server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://telemed.dev/problems/not-found\",\"status\":404}")));
    }
}
