package com.telemed.booking.consultations;

import java.text.Normalizer;
import java.util.Locale;

/** Names compared as people type them: lower case, without accents ("garcia" finds "García"). */
final class NameSearch {

    private NameSearch() {
    }

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).trim();
    }
}
