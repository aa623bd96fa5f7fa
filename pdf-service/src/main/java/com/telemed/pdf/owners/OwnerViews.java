package com.telemed.pdf.owners;

import java.time.Instant;
import java.util.List;

/**
 * The owners' answers as pdf-service reads them (snake_case JSON; unknown fields ignored). They mirror
 * clinical-service's {@code ClinicalRecord} / {@code PatientSummary} / {@code Page} and booking-service's
 * {@code ConsultationView} / {@code PatientView}.
 */
public final class OwnerViews {

    private OwnerViews() {
    }

    public record Allergy(String substance, String reaction, String severity) {
    }

    public record Medication(String name, String dose, String frequency, String route) {
    }

    public record Author(long id, String fullName) {
    }

    public record Addendum(long id, String text, Author author, Instant createdAt) {
    }

    public record ClinicalRecord(long id, long patientId, Long consultationId, Author author, String chiefComplaint,
            String background, String assessment, String plan, List<Allergy> allergies, List<Medication> medications,
            String status, Instant createdAt, Instant signedAt, String enteredInErrorReason, Instant enteredInErrorAt,
            List<Addendum> addenda) {
    }

    public record RecordPage(List<ClinicalRecord> items, int page, int size, long total) {
    }

    public record PatientSummary(long patientId, List<Allergy> allergies, List<Medication> medications,
            long recordsCount) {
    }

    public record Consultation(long id, long patientId, String patientName, long doctorId, String doctorName,
            String doctorLicenseNumber, String specialty, String reasonForVisit, Instant scheduledAt,
            int durationMinutes, String status, long amount, String currency, String paymentStatus) {
    }

    public record Patient(long id, String fullName, String email, String phone) {
    }
}
