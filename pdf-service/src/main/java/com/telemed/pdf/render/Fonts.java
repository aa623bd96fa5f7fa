package com.telemed.pdf.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * DejaVu Sans regular and bold (resources under {@code fonts/}, license beside them), embedded as subsets in every
 * document: PDF/A forbids the standard-14 fonts, which are not embedded and cannot show most scripts. The files are
 * read once; each document parses its own copy because PDFBox fonts are not shared between documents.
 */
final class Fonts {

    private static final byte[] REGULAR = withoutLigatures(read("fonts/DejaVuSans.ttf"));
    private static final byte[] BOLD = withoutLigatures(read("fonts/DejaVuSans-Bold.ttf"));

    final PDType0Font regular;
    final PDType0Font bold;
    private final Map<Integer, Boolean> shown = new HashMap<>();
    private final Map<Integer, Float> regularWidths = new HashMap<>();
    private final Map<Integer, Float> boldWidths = new HashMap<>();

    Fonts(PDDocument pdf) throws IOException {
        this.regular = PDType0Font.load(pdf, new ByteArrayInputStream(REGULAR), true);
        this.bold = PDType0Font.load(pdf, new ByteArrayInputStream(BOLD), true);
    }

    /**
     * The text with every character the font cannot draw replaced by '?', tabs as spaces and other control
     * characters dropped: a missing glyph would fail the rendering (and PDF/A forbids .notdef).
     */
    String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                // dropped
            } else if (shown.computeIfAbsent(cp, this::drawable)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    /**
     * Width of printable text in points at {@code size}: the sum of its glyphs' advances (PDFBox applies no
     * kerning either), read once per character; measuring is most of the work of wrapping text.
     */
    float width(String text, PDType0Font font, float size) {
        Map<Integer, Float> widths = font == bold ? boldWidths : regularWidths;
        float units = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            units += widths.computeIfAbsent(cp, c -> {
                try {
                    return font.getStringWidth(new String(Character.toChars(c)));
                } catch (IOException | IllegalArgumentException e) {
                    return 0f;
                }
            });
        }
        return units / 1000f * size;
    }

    private boolean drawable(int cp) {
        String s = new String(Character.toChars(cp));
        try {
            // encode refuses a character without a glyph; both faces are asked, whichever draws it.
            regular.encode(s);
            bold.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The font with its GSUB table hidden (its tag renamed in the table directory, which keeps the directory's
     * order). PDFBox applies GSUB ligatures to Latin text, so "ff" would be drawn as one glyph and extracted as
     * U+FB00: a reader copying or searching the document must find the text as it was written.
     */
    static byte[] withoutLigatures(byte[] ttf) {
        byte[] out = ttf.clone();
        int tables = ((out[4] & 0xff) << 8) | (out[5] & 0xff);
        for (int i = 0; i < tables; i++) {
            int at = 12 + 16 * i;
            if (out[at] == 'G' && out[at + 1] == 'S' && out[at + 2] == 'U' && out[at + 3] == 'B') {
                out[at + 3] = 'X';
            }
        }
        return out;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
