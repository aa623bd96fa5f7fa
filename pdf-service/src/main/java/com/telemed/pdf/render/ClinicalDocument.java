package com.telemed.pdf.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything one PDF shows, already fetched from its owners: the renderer only lays it out. {@code doctor} and
 * {@code consultation} are null for a history; {@code allergies} and {@code medications} are the patient's active
 * lists (shown as tables), {@code records} the signed entries in the order they are printed.
 */
public record ClinicalDocument(Layout layout, Kind kind, String documentId, String title, String clinicName,
        Instant generatedAt, ZoneId zone, Patient patient, Doctor doctor, Consultation consultation,
        List<Allergy> allergies, List<Medication> medications, List<Entry> records) {

    /** {@code ARCHIVAL}: every section, addendum and withdrawal, for the file; {@code SUMMARY}: compact, for a reader. */
    public enum Layout {
        ARCHIVAL, SUMMARY
    }

    /** Which document this is; it names the file and the audit resource. */
    public enum Kind {
        HISTORY("historia-clinica"), CONSULTATION("consulta"), RECORD("registro-clinico");

        private final String slug;

        Kind(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    public record Patient(long id, String fullName, String email, String phone) {
    }

    public record Doctor(String fullName, String specialty, String licenseNumber) {
    }

    /** {@code amount} in minor units of {@code currency}; {@code paymentStatus} as booking names it. */
    public record Consultation(long id, Instant scheduledAt, int durationMinutes, String status, String reason,
            long amount, String currency, String paymentStatus) {
    }

    public record Allergy(String substance, String reaction, String severity) {
    }

    public record Medication(String name, String dose, String frequency, String route) {
    }

    public record Addendum(String author, String text, Instant createdAt) {
    }

    /** One clinical record; {@code status} is signed, amended or entered_in_error. */
    public record Entry(long id, Long consultationId, String author, String status, Instant createdAt,
            Instant signedAt, String chiefComplaint, String background, String assessment, String plan,
            List<Allergy> allergies, List<Medication> medications, String enteredInErrorReason,
            Instant enteredInErrorAt, List<Addendum> addenda) {
    }

    /** A file name that says what the document is, without personal data: e.g. {@code consulta-42.pdf}. */
    public String fileName(long id) {
        return kind.slug() + (layout == Layout.SUMMARY ? "-resumen-" : "-") + id + ".pdf";
    }
}
