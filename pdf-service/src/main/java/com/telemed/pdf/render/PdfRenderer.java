package com.telemed.pdf.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import com.telemed.pdf.render.ClinicalDocument.Addendum;
import com.telemed.pdf.render.ClinicalDocument.Allergy;
import com.telemed.pdf.render.ClinicalDocument.Entry;
import com.telemed.pdf.render.ClinicalDocument.Layout;
import com.telemed.pdf.render.ClinicalDocument.Medication;

/**
 * Lays a {@link ClinicalDocument} out as a PDF/A-2b file in Spanish. Blocking and CPU-bound: callers run it on
 * the bounded-elastic scheduler. The archival layout prints every section, the lists of each record, addenda and
 * withdrawals; the summary layout prints the active lists and, per record, the complaint, assessment and plan.
 */
public final class PdfRenderer {

    private static final Locale ES = Locale.forLanguageTag("es-ES");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", ES);
    private static final Map<String, String> RECORD_STATUS = Map.of("signed", "Firmado", "amended",
            "Firmado, con adenda", "entered_in_error", "ANULADO: introducido por error", "draft", "Borrador");
    private static final Map<String, String> CONSULTATION_STATUS = Map.of("pending_payment", "Pendiente de pago",
            "confirmed", "Confirmada", "in_progress", "En curso", "completed", "Completada", "cancelled",
            "Cancelada", "no_show", "No se presentó");
    private static final Map<String, String> PAYMENT_STATUS = Map.of("unpaid", "sin pagar", "paid", "pagado",
            "failed", "pago fallido", "refunded", "reembolsado", "paid_not_applied", "pagado, pendiente de reembolso",
            "paid_at_clinic", "pagado en la clínica");
    private static final Map<String, String> SEVERITY = Map.of("mild", "leve", "moderate", "moderada", "severe",
            "grave");

    public byte[] render(ClinicalDocument doc) {
        try (PDDocument pdf = new PDDocument()) {
            Fonts fonts = new Fonts(pdf);
            PageWriter w = new PageWriter(pdf, fonts, doc.clinicName(), doc.title());
            w.newPage();
            body(doc, w);
            w.finish();
            footers(pdf, fonts, doc);
            PdfA.mark(pdf, doc.title(), doc.generatedAt());
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render document " + doc.documentId(), e);
        }
    }

    private void body(ClinicalDocument doc, PageWriter w) throws IOException {
        boolean summary = doc.layout() == Layout.SUMMARY;
        w.text(doc.title(), w.fonts.bold, summary ? 14 : 16, 0, PageWriter.INK);
        w.space(6);

        section(w, "Paciente");
        ClinicalDocument.Patient p = doc.patient();
        w.field("Nombre", p.fullName(), 10);
        w.field("N.º de paciente", String.valueOf(p.id()), 10);
        if (!summary) {
            w.field("Correo electrónico", p.email(), 10);
            w.field("Teléfono", p.phone(), 10);
        }

        if (doc.doctor() != null) {
            section(w, "Médico");
            w.field("Nombre", doc.doctor().fullName(), 10);
            w.field("Especialidad", doc.doctor().specialty(), 10);
            w.field("N.º de colegiado", doc.doctor().licenseNumber(), 10);
        }

        if (doc.consultation() != null) {
            ClinicalDocument.Consultation c = doc.consultation();
            section(w, "Consulta");
            w.field("N.º de consulta", String.valueOf(c.id()), 10);
            w.field("Fecha y hora", when(c.scheduledAt(), doc.zone()) + " (" + doc.zone().getId() + ")", 10);
            w.field("Duración", c.durationMinutes() + " minutos", 10);
            w.field("Estado", CONSULTATION_STATUS.getOrDefault(c.status(), c.status()), 10);
            w.field("Motivo", c.reason(), 10);
            w.field("Pago", money(c.amount(), c.currency()) + " · "
                    + PAYMENT_STATUS.getOrDefault(c.paymentStatus(), c.paymentStatus()), 10);
        }

        if (doc.allergies() != null) {
            section(w, "Alergias activas");
            allergies(w, doc.allergies());
        }
        if (doc.medications() != null) {
            section(w, "Medicación activa");
            medications(w, doc.medications());
        }

        section(w, doc.kind() == ClinicalDocument.Kind.RECORD ? "Registro clínico" : "Registros clínicos");
        if (doc.records().isEmpty()) {
            w.text("No hay registros firmados.", w.fonts.regular, 10, 0, PageWriter.MUTED);
        }
        for (Entry e : doc.records()) {
            entry(doc, w, e, summary);
        }
    }

    private void section(PageWriter w, String heading) throws IOException {
        w.continuing(null);
        // A heading never ends a page alone: it needs room for itself and a few lines after it.
        w.ensure(60);
        w.space(8);
        w.text(heading, w.fonts.bold, 12, 0, PageWriter.ACCENT);
        w.rule(PageWriter.ACCENT);
    }

    private void entry(ClinicalDocument doc, PageWriter w, Entry e, boolean summary) throws IOException {
        String heading = "Registro n.º " + e.id() + " · " + when(e.createdAt(), doc.zone());
        w.continuing(null);
        w.ensure(70);
        w.space(6);
        w.continuing(heading);
        boolean withdrawn = "entered_in_error".equals(e.status());
        if (withdrawn) {
            w.struck(heading, w.fonts.bold, 11, 0, PageWriter.INK);
        } else {
            w.text(heading, w.fonts.bold, 11, 0, PageWriter.INK);
        }
        String status = RECORD_STATUS.getOrDefault(e.status(), e.status());
        String signed = e.signedAt() == null ? "" : " el " + when(e.signedAt(), doc.zone());
        w.paragraph("[" + status + "] " + (e.author() == null ? "" : e.author()) + signed
                + (e.consultationId() == null ? "" : " · consulta n.º " + e.consultationId()),
                w.fonts.regular, 9, 0, withdrawn ? PageWriter.ALERT : PageWriter.MUTED);
        if (withdrawn) {
            w.paragraph("Motivo de la anulación: " + nz(e.enteredInErrorReason())
                    + (e.enteredInErrorAt() == null ? "" : " (" + when(e.enteredInErrorAt(), doc.zone()) + ")"),
                    w.fonts.bold, 9, 0, PageWriter.ALERT);
        }
        block(w, "Motivo de consulta", e.chiefComplaint(), withdrawn);
        if (!summary) {
            block(w, "Antecedentes", e.background(), withdrawn);
        }
        block(w, "Valoración", e.assessment(), withdrawn);
        block(w, "Plan", e.plan(), withdrawn);
        // The summary of a history prints the active lists once, above; other documents print each record's own.
        boolean lists = !summary || doc.allergies() == null;
        if (lists && e.allergies() != null && !e.allergies().isEmpty()) {
            w.text("Alergias", w.fonts.bold, 10, 0, PageWriter.INK);
            allergies(w, e.allergies());
        }
        if (lists && e.medications() != null && !e.medications().isEmpty()) {
            w.text("Medicación", w.fonts.bold, 10, 0, PageWriter.INK);
            medications(w, e.medications());
        }
        if (e.addenda() != null) {
            for (Addendum a : e.addenda()) {
                w.ensure(30);
                w.text("Adenda · " + nz(a.author()) + " · " + when(a.createdAt(), doc.zone()), w.fonts.bold, 9, 10,
                        PageWriter.ACCENT);
                w.paragraph(a.text(), w.fonts.regular, 10, 10, PageWriter.INK);
            }
        }
        w.rule(PageWriter.MUTED);
        w.continuing(null);
    }

    private void block(PageWriter w, String label, String text, boolean withdrawn) throws IOException {
        if (text == null || text.isBlank()) {
            return;
        }
        w.ensure(28);
        w.text(label, w.fonts.bold, 10, 0, PageWriter.INK);
        if (withdrawn) {
            w.struck(text, w.fonts.regular, 10, 0, PageWriter.MUTED);
        } else {
            w.paragraph(text, w.fonts.regular, 10, 0, PageWriter.INK);
        }
    }

    private void allergies(PageWriter w, List<Allergy> items) throws IOException {
        if (items.isEmpty()) {
            w.text("Sin alergias registradas.", w.fonts.regular, 10, 0, PageWriter.MUTED);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Allergy a : items) {
            rows.add(new String[] { a.substance(), nz(a.reaction()),
                    a.severity() == null ? "" : SEVERITY.getOrDefault(a.severity(), a.severity()) });
        }
        w.table(new float[] { 0.35f, 0.45f, 0.20f }, new String[] { "Sustancia", "Reacción", "Gravedad" }, rows, 9);
        w.space(4);
    }

    private void medications(PageWriter w, List<Medication> items) throws IOException {
        if (items.isEmpty()) {
            w.text("Sin medicación registrada.", w.fonts.regular, 10, 0, PageWriter.MUTED);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Medication m : items) {
            rows.add(new String[] { m.name(), nz(m.dose()), nz(m.frequency()), nz(m.route()) });
        }
        w.table(new float[] { 0.34f, 0.22f, 0.26f, 0.18f }, new String[] { "Medicamento", "Dosis", "Frecuencia", "Vía" },
                rows, 9);
        w.space(4);
    }

    /** "Página X de Y", the document id and when it was generated, on every page. */
    private void footers(PDDocument pdf, Fonts fonts, ClinicalDocument doc) throws IOException {
        int total = pdf.getNumberOfPages();
        String left = "Documento " + doc.documentId() + " · Generado el " + when(doc.generatedAt(), doc.zone())
                + " (" + doc.zone().getId() + ")";
        int n = 0;
        for (PDPage page : pdf.getPages()) {
            n++;
            try (PDPageContentStream cs = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                String right = "Página " + n + " de " + total;
                float size = 8;
                cs.setStrokingColor(PageWriter.MUTED);
                cs.setLineWidth(0.5f);
                cs.moveTo(PageWriter.MARGIN, PageWriter.MARGIN + 8);
                cs.lineTo(PageWriter.MARGIN + PageWriter.WIDTH, PageWriter.MARGIN + 8);
                cs.stroke();
                cs.beginText();
                cs.setFont(fonts.regular, size);
                cs.setNonStrokingColor(PageWriter.MUTED);
                cs.newLineAtOffset(PageWriter.MARGIN, PageWriter.MARGIN - 4);
                cs.showText(fonts.printable(left));
                cs.endText();
                cs.beginText();
                cs.setFont(fonts.regular, size);
                cs.newLineAtOffset(PageWriter.MARGIN + PageWriter.WIDTH
                        - fonts.width(right, fonts.regular, size), PageWriter.MARGIN - 4);
                cs.showText(right);
                cs.endText();
            }
        }
    }

    static String when(Instant instant, ZoneId zone) {
        return instant == null ? "—" : WHEN.format(instant.atZone(zone));
    }

    static String money(long minorUnits, String currency) {
        try {
            Currency cur = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
            NumberFormat f = NumberFormat.getCurrencyInstance(ES);
            f.setCurrency(cur);
            return f.format(BigDecimal.valueOf(minorUnits, Math.max(0, cur.getDefaultFractionDigits())));
        } catch (IllegalArgumentException | NullPointerException e) {
            return BigDecimal.valueOf(minorUnits, 2) + " " + (currency == null ? "" : currency);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
