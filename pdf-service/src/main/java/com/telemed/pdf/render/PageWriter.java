package com.telemed.pdf.render;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Flows text down A4 pages: wraps paragraphs, draws tables whose header repeats on a new page, and starts a new
 * page (with the running header, and the current section's heading marked "continuación") whenever the next
 * piece does not fit. Page numbers are added afterwards by the renderer, once the total is known.
 */
final class PageWriter {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 50;
    static final float TOP = SIZE.getHeight() - MARGIN - 34;
    static final float BOTTOM = MARGIN + 20;
    static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    static final Color INK = new Color(0x20, 0x20, 0x20);
    static final Color MUTED = new Color(0x60, 0x66, 0x70);
    static final Color ACCENT = new Color(0x0b, 0x5c, 0x8c);
    static final Color ALERT = new Color(0xa3, 0x1d, 0x1d);
    static final Color SHADE = new Color(0xe8, 0xef, 0xf5);

    private final PDDocument pdf;
    final Fonts fonts;
    private final String clinicName;
    private final String title;
    private PDPageContentStream cs;
    private float y;
    private String continuation;

    PageWriter(PDDocument pdf, Fonts fonts, String clinicName, String title) {
        this.pdf = pdf;
        this.fonts = fonts;
        this.clinicName = clinicName;
        this.title = title;
    }

    void newPage() throws IOException {
        finish();
        PDPage page = new PDPage(SIZE);
        pdf.addPage(page);
        cs = new PDPageContentStream(pdf, page);
        float top = SIZE.getHeight() - MARGIN;
        put(clinicName, fonts.bold, 13, MARGIN, top - 10, ACCENT);
        String right = fonts.printable(title);
        put(right, fonts.regular, 9, MARGIN + WIDTH - width(right, fonts.regular, 9), top - 9, MUTED);
        line(MARGIN, top - 18, MARGIN + WIDTH, top - 18, ACCENT, 1f);
        y = TOP;
        if (continuation != null) {
            text(continuation + " (continuación)", fonts.bold, 10, 0, MUTED);
            space(4);
        }
    }

    void finish() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    /** The heading repeated at the top of every page this section continues on; null ends the section. */
    void continuing(String heading) {
        this.continuation = heading;
    }

    float remaining() {
        return y - BOTTOM;
    }

    void ensure(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void space(float points) {
        y -= points;
    }

    /** One line of text (not wrapped) at the left margin plus {@code indent}. */
    void text(String text, PDFont font, float size, float indent, Color color) throws IOException {
        ensure(size * 1.35f);
        y -= size * 1.35f;
        put(fonts.printable(text), font, size, MARGIN + indent, y + size * 0.3f, color);
    }

    /** Text wrapped to the width, one line per newline in the text; lines flow onto new pages. */
    void paragraph(String text, PDFont font, float size, float indent, Color color) throws IOException {
        for (String line : wrap(fonts.printable(text), font, size, WIDTH - indent)) {
            text(line, font, size, indent, color);
        }
    }

    /** A struck-through line: a withdrawn record stays readable but visibly void. */
    void struck(String text, PDFont font, float size, float indent, Color color) throws IOException {
        for (String line : wrap(fonts.printable(text), font, size, WIDTH - indent)) {
            text(line, font, size, indent, color);
            float w = width(line, font, size);
            line(MARGIN + indent, y + size * 0.62f, MARGIN + indent + w, y + size * 0.62f, color, 0.8f);
        }
    }

    /** A label in bold followed by its value on the same line, wrapped under the value when long. */
    void field(String label, String value, float size) throws IOException {
        String l = fonts.printable(label) + ": ";
        float lw = width(l, fonts.bold, size);
        List<String> lines = wrap(fonts.printable(value == null || value.isBlank() ? "—" : value), fonts.regular,
                size, WIDTH - lw);
        for (int i = 0; i < lines.size(); i++) {
            ensure(size * 1.35f);
            y -= size * 1.35f;
            if (i == 0) {
                put(l, fonts.bold, size, MARGIN, y + size * 0.3f, INK);
            }
            put(lines.get(i), fonts.regular, size, MARGIN + lw, y + size * 0.3f, INK);
        }
    }

    /** A table with a shaded header row, repeated when the table continues on a new page. */
    void table(float[] fractions, String[] headers, List<String[]> rows, float size) throws IOException {
        float pad = 3;
        float[] widths = new float[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            widths[i] = WIDTH * fractions[i];
        }
        tableRow(widths, headers, size, pad, true);
        for (String[] row : rows) {
            float height = rowHeight(widths, row, fonts.regular, size, pad);
            if (y - height < BOTTOM) {
                newPage();
                tableRow(widths, headers, size, pad, true);
            }
            tableRow(widths, row, size, pad, false);
        }
    }

    void rule(Color color) throws IOException {
        ensure(6);
        y -= 3;
        line(MARGIN, y, MARGIN + WIDTH, y, color, 0.5f);
        y -= 3;
    }

    private void tableRow(float[] widths, String[] cells, float size, float pad, boolean header) throws IOException {
        PDFont font = header ? fonts.bold : fonts.regular;
        float height = rowHeight(widths, cells, font, size, pad);
        ensure(height);
        if (header) {
            cs.setNonStrokingColor(SHADE);
            cs.addRect(MARGIN, y - height, WIDTH, height);
            cs.fill();
        }
        float x = MARGIN;
        for (int c = 0; c < widths.length; c++) {
            List<String> lines = wrap(fonts.printable(c < cells.length ? cells[c] : ""), font, size, widths[c] - 2 * pad);
            float ly = y - pad;
            for (String line : lines) {
                ly -= size * 1.25f;
                put(line, font, size, x + pad, ly + size * 0.25f, INK);
            }
            x += widths[c];
        }
        y -= height;
        line(MARGIN, y, MARGIN + WIDTH, y, MUTED, 0.3f);
    }

    private float rowHeight(float[] widths, String[] cells, PDFont font, float size, float pad) throws IOException {
        int lines = 1;
        for (int c = 0; c < widths.length; c++) {
            lines = Math.max(lines, wrap(fonts.printable(c < cells.length ? cells[c] : ""), font, size,
                    widths[c] - 2 * pad).size());
        }
        return lines * size * 1.25f + 2 * pad;
    }

    void put(String text, PDFont font, float size, float x, float baseline, Color color) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, baseline);
        cs.showText(text);
        cs.endText();
    }

    private void line(float x1, float y1, float x2, float y2, Color color, float width) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(width);
        cs.moveTo(x1, y1);
        cs.lineTo(x2, y2);
        cs.stroke();
    }

    float width(String text, PDFont font, float size) {
        return fonts.width(text, (PDType0Font) font, size);
    }

    /** Greedy word wrap; a word longer than the line is cut where it no longer fits. Never empty. */
    List<String> wrap(String text, PDFont font, float size, float max) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\r?\n|\r", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font, size) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(rest, font, size) > max && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font, size) > max) {
                        cut--;
                    }
                    out.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            out.add(line.toString());
        }
        return out;
    }
}
