package com.telemed.notification.compose;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates, times and money as a reader of each language expects them. Locale data is loaded lazily by the JDK
 * (a blocking read): {@link #warmUp()} touches it once at start-up so that rendering stays off the disk.
 */
public final class Formats {

    private Formats() {
    }

    static void warmUp() {
        for (Lang lang : Lang.values()) {
            date(Instant.EPOCH, ZoneId.of("Europe/Madrid"), lang);
            dateTime(Instant.EPOCH, ZoneId.of("Europe/Madrid"), lang);
            money(4500, "eur", lang);
            money(4500, "usd", lang);
        }
    }

    public static String date(Instant at, ZoneId zone, Lang lang) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(lang.locale()).format(at.atZone(zone));
    }

    public static String time(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone));
    }

    public static String dateTime(Instant at, ZoneId zone, Lang lang) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale()).format(at.atZone(zone))
                + ", " + time(at, zone) + " (" + zone.getId() + ")";
    }

    /** {@code amount} in minor units of {@code currency} (lower-case ISO 4217). */
    public static String money(long amount, String currency, Lang lang) {
        try {
            Currency c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
            NumberFormat format = NumberFormat.getCurrencyInstance(lang.locale());
            format.setCurrency(c);
            int digits = Math.max(c.getDefaultFractionDigits(), 0);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(BigDecimal.valueOf(amount, digits));
        } catch (IllegalArgumentException | NullPointerException e) {
            return BigDecimal.valueOf(amount, 2).toPlainString() + " " + String.valueOf(currency).toUpperCase(Locale.ROOT);
        }
    }

    /** The zone named by an event, or {@code fallback} when it names none this JVM knows. */
    public static ZoneId zone(String id, String fallback) {
        try {
            return id == null || id.isBlank() ? ZoneId.of(fallback) : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of(fallback);
        }
    }
}
