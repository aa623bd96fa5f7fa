package com.telemed.notification.compose;

import java.util.Locale;

/** The languages emails are written in: Spanish unless the recipient's locale is English. */
public enum Lang {
    ES(Locale.forLanguageTag("es-ES")), EN(Locale.forLanguageTag("en-GB"));

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lang of(String locale) {
        return locale != null && locale.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : ES;
    }
}
