package com.telemed.notification.message;

import java.util.Locale;

/** Shows an address without giving it away: {@code d***@t***.local}. */
public final class Recipients {

    private Recipients() {
    }

    public static String mask(String email) {
        if (email == null || email.isBlank()) {
            return "***";
        }
        String trimmed = email.trim().toLowerCase(Locale.ROOT);
        int at = trimmed.indexOf('@');
        if (at <= 0) {
            return trimmed.charAt(0) + "***";
        }
        String domain = trimmed.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String maskedDomain = dot <= 0 ? "***" : domain.charAt(0) + "***" + domain.substring(dot);
        return trimmed.charAt(0) + "***@" + maskedDomain;
    }
}
