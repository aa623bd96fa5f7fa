package com.telemed.pdf.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

import com.telemed.pdf.render.ClinicalDocument.Layout;

class PdfRendererTest {

    private final PdfRenderer renderer = new PdfRenderer();

    @Test
    void everyDocumentIsPdfA2bAndReadsBackWithItsUnicodeText() throws Exception {
        List<ClinicalDocument> five = List.of(SampleDocuments.history(Layout.ARCHIVAL, 3),
                SampleDocuments.consultation(Layout.ARCHIVAL), SampleDocuments.record(),
                SampleDocuments.history(Layout.SUMMARY, 3), SampleDocuments.consultation(Layout.SUMMARY));
        for (ClinicalDocument doc : five) {
            byte[] pdf = renderer.render(doc);
            assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
            PdfChecks.assertPdfA2b(pdf);
            String text = PdfChecks.text(pdf);
            assertThat(text).as(doc.documentId())
                    .contains("Íñigo Muñoz-Çelik", "Σωκράτης", "Достоевский", "Página 1 de ",
                            "Documento " + doc.documentId(), "Generado el 05/12/2026 11:15", "Penicilina",
                            "45 €", "Exéresis y biopsia", "Mupirocina", "efficacia")
                    .contains("Firmado, con adenda");
            assertEmbeddedFontsOnly(pdf);
        }
    }

    @Test
    void consultationShowsDoctorLicenceTimesAndPayment() throws Exception {
        String text = PdfChecks.text(renderer.render(SampleDocuments.consultation(Layout.ARCHIVAL)));
        assertThat(text).contains("Dra. Begoña Núñez", "Dermatología", "COL-28/4567", "04/12/2026 11:15",
                "30 minutos", "Completada", "pagado", "Resultado de la biopsia: benigno");
        assertThat(text.replace('\u00a0', ' ')).contains("45,00 €");
    }

    @Test
    void withdrawnAndAmendedRecordsAreMarkedAndSummaryIsCompact() throws Exception {
        byte[] archival = renderer.render(SampleDocuments.history(Layout.ARCHIVAL, 3));
        byte[] summary = renderer.render(SampleDocuments.history(Layout.SUMMARY, 3));
        String full = PdfChecks.text(archival);
        assertThat(full).contains("ANULADO: introducido por error", "Motivo de la anulación: Paciente equivocado",
                "Adenda · Dr. Ángel Peña", "Antecedentes", "inigo@example.test");
        String compact = PdfChecks.text(summary);
        assertThat(compact).contains("Alergias activas", "Valoración").doesNotContain("Antecedentes: exposición")
                .doesNotContain("inigo@example.test");
        assertThat(pages(summary)).isLessThan(pages(archival));
    }

    @Test
    void twoHundredRecordsPaginateAndEveryContinuedRecordKeepsItsHeading() throws Exception {
        ClinicalDocument doc = SampleDocuments.history(Layout.ARCHIVAL, 200);
        byte[] pdf = renderer.render(doc);
        PdfChecks.assertPdfA2b(pdf);
        int pages = pages(pdf);
        assertThat(pages).isGreaterThan(50);
        String text = PdfChecks.text(pdf);
        String[] perPage = text.split("\f");
        int continued = 0;
        for (int i = 0; i < pages; i++) {
            assertThat(perPage[i]).contains("Página " + (i + 1) + " de " + pages);
            // A page that does not open with a new record opens with the heading of the one it continues.
            Matcher m = Pattern.compile("Registro n\\.º (\\d+) · [0-9/ :]+ \\(continuación\\)").matcher(perPage[i]);
            if (m.find()) {
                continued++;
                String id = m.group(1);
                assertThat(perPage[i - 1]).contains("Registro n.º " + id + " · ");
            }
        }
        assertThat(continued).as("records split across pages").isPositive();
        for (int id : new int[] { 1, 100, 200 }) {
            assertThat(text).contains("Mancha pigmentada de crecimiento rápido (registro " + id + ")");
        }
    }

    @Test
    void charactersWithoutAGlyphBecomeQuestionMarksInsteadOfFailing() throws Exception {
        ClinicalDocument doc = SampleDocuments.record();
        ClinicalDocument.Entry e = doc.records().get(0);
        ClinicalDocument.Entry odd = new ClinicalDocument.Entry(e.id(), e.consultationId(), e.author(), e.status(),
                e.createdAt(), e.signedAt(), "漢字 \u0007 dolor\tpersistente", null, null, null, List.of(), List.of(),
                null, null, List.of());
        byte[] pdf = renderer.render(new ClinicalDocument(doc.layout(), doc.kind(), doc.documentId(), doc.title(),
                doc.clinicName(), doc.generatedAt(), doc.zone(), doc.patient(), null, null, null, null, List.of(odd)));
        PdfChecks.assertPdfA2b(pdf);
        assertThat(PdfChecks.text(pdf)).contains("?? dolor persistente");
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        }
    }

    private static void assertEmbeddedFontsOnly(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            for (var page : d.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVuSans");
                }
            }
        }
    }
}
