package com.telemed.pdf.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.telemed.pdf.render.ClinicalDocument.Addendum;
import com.telemed.pdf.render.ClinicalDocument.Allergy;
import com.telemed.pdf.render.ClinicalDocument.Consultation;
import com.telemed.pdf.render.ClinicalDocument.Doctor;
import com.telemed.pdf.render.ClinicalDocument.Entry;
import com.telemed.pdf.render.ClinicalDocument.Kind;
import com.telemed.pdf.render.ClinicalDocument.Layout;
import com.telemed.pdf.render.ClinicalDocument.Medication;
import com.telemed.pdf.render.ClinicalDocument.Patient;

/** Documents with the text that tends to break PDFs: accents, ñ, €, Greek and Cyrillic, long words and lists. */
public final class SampleDocuments {

    public static final Instant NOW = Instant.parse("2026-12-05T10:15:00Z");
    public static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    public static final Patient PATIENT = new Patient(7, "Íñigo Muñoz-Çelik Σωκράτης Достоевский",
            "inigo@example.test", "+34 600 000 000");
    public static final Doctor DOCTOR = new Doctor("Dra. Begoña Núñez", "Dermatología", "COL-28/4567");
    public static final Consultation CONSULTATION = new Consultation(42, NOW.minus(Duration.ofDays(1)), 30,
            "completed", "Lesión en el antebrazo, ¿evolución?", 4500, "eur", "paid");

    private SampleDocuments() {
    }

    public static Entry entry(long id, String status) {
        List<Addendum> addenda = "amended".equals(status)
                ? List.of(new Addendum("Dr. Ángel Peña", "Resultado de la biopsia: benigno. Revisión en 6 meses.",
                        NOW.minus(Duration.ofHours(2))))
                : List.of();
        return new Entry(id, 42L, "Dra. Begoña Núñez", status, NOW.minus(Duration.ofDays(id)),
                NOW.minus(Duration.ofDays(id)).plusSeconds(600),
                "Mancha pigmentada de crecimiento rápido (registro " + id + ")",
                "Antecedentes: exposición solar intensa en la niñez; padre con melanoma. " + "Texto largo. ".repeat(30),
                "Lesión asimétrica de 7 mm, bordes irregulares. Pago de 45 € en la clínica.",
                "Exéresis y biopsia. Fotoprotección (efficacia: alta). Control en 2 semanas.",
                List.of(new Allergy("Penicilina", "Urticaria generalizada", "severe"),
                        new Allergy("Látex", "Eccema de contacto", "mild")),
                List.of(new Medication("Ibuprofeno", "400 mg", "cada 8 horas", "oral"),
                        new Medication("Mupirocina 2 %", "una aplicación", "cada 12 horas", "tópica")),
                "entered_in_error".equals(status) ? "Paciente equivocado" : null,
                "entered_in_error".equals(status) ? NOW.minus(Duration.ofHours(1)) : null, addenda);
    }

    public static List<Entry> entries(int count) {
        List<Entry> out = new ArrayList<>();
        String[] statuses = { "signed", "amended", "entered_in_error" };
        for (int i = 1; i <= count; i++) {
            out.add(entry(i, statuses[i % statuses.length]));
        }
        return out;
    }

    public static ClinicalDocument history(Layout layout, int records) {
        return new ClinicalDocument(layout, Kind.HISTORY, "doc-history-" + layout, "Historia clínica", "Telemed",
                NOW, MADRID, PATIENT, null, null, entries(1).get(0).allergies(), entries(1).get(0).medications(),
                entries(records));
    }

    public static ClinicalDocument consultation(Layout layout) {
        return new ClinicalDocument(layout, Kind.CONSULTATION, "doc-consultation-" + layout,
                "Resumen de la consulta n.º 42", "Telemed", NOW, MADRID, PATIENT, DOCTOR, CONSULTATION, null, null,
                List.of(entry(1, "amended")));
    }

    public static ClinicalDocument record() {
        return new ClinicalDocument(Layout.ARCHIVAL, Kind.RECORD, "doc-record", "Registro clínico n.º 1", "Telemed",
                NOW, MADRID, PATIENT, null, null, null, null, List.of(entry(1, "amended")));
    }
}
