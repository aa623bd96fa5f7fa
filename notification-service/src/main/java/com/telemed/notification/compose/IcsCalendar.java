package com.telemed.notification.compose;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An iCalendar (RFC 5545) file with one consultation: a VEVENT whose start and end are local times in the
 * patient's zone ({@code DTSTART;TZID=...}) and a VTIMEZONE for that zone built from the JDK's zone rules, with a
 * STANDARD and a DAYLIGHT part (yearly rules as RRULEs), so calendars show the right time on either side of a
 * daylight-saving change without relying on their own zone database.
 */
public final class IcsCalendar {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] DAYS = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

    private IcsCalendar() {
    }

    /** One appointment; {@code sequence} grows each time the same {@code uid} is sent again with a change. */
    public record Event(String uid, int sequence, Instant start, int durationMinutes, ZoneId zone, String summary,
            String description, String url, Instant stamp) {
    }

    public static byte[] of(Event event) {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCALENDAR");
        lines.add("VERSION:2.0");
        lines.add("PRODID:-//Telemed//Notification Service//ES");
        lines.add("CALSCALE:GREGORIAN");
        lines.add("METHOD:PUBLISH");
        lines.addAll(timezone(event.zone(), event.start()));
        lines.add("BEGIN:VEVENT");
        lines.add("UID:" + text(event.uid()));
        lines.add("SEQUENCE:" + event.sequence());
        lines.add("DTSTAMP:" + UTC.format(event.stamp()));
        lines.add("DTSTART;TZID=" + event.zone().getId() + ":" + LOCAL.format(event.start().atZone(event.zone())));
        Instant end = event.start().plusSeconds(event.durationMinutes() * 60L);
        lines.add("DTEND;TZID=" + event.zone().getId() + ":" + LOCAL.format(end.atZone(event.zone())));
        lines.add("SUMMARY:" + text(event.summary()));
        lines.add("DESCRIPTION:" + text(event.description()));
        if (event.url() != null) {
            lines.add("URL:" + event.url());
        }
        lines.add("STATUS:CONFIRMED");
        lines.add("TRANSP:OPAQUE");
        lines.add("END:VEVENT");
        lines.add("END:VCALENDAR");
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(fold(line)).append("\r\n"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The zone's observances around {@code around}: the explicit transitions of the surrounding years, then the
     * zone's recurring rules from the year after its last explicit transition; a zone with neither (fixed
     * offset) gets one STANDARD part.
     */
    static List<String> timezone(ZoneId zone, Instant around) {
        ZoneRules rules = zone.getRules();
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VTIMEZONE");
        lines.add("TZID:" + zone.getId());
        int parts = 0;
        Instant from = around.minusSeconds(400L * 86400);
        Instant to = around.plusSeconds(400L * 86400);
        int lastExplicitYear = 1969;
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            lastExplicitYear = Math.max(lastExplicitYear, t.getDateTimeBefore().getYear());
            if (!t.getInstant().isBefore(from) && !t.getInstant().isAfter(to)) {
                lines.addAll(observance(t.getOffsetBefore(), t.getOffsetAfter(), t.getDateTimeBefore(), null));
                parts++;
            }
        }
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            ZoneOffsetTransition first = rule.createTransition(lastExplicitYear + 1);
            lines.addAll(observance(first.getOffsetBefore(), first.getOffsetAfter(), first.getDateTimeBefore(),
                    rrule(rule)));
            parts++;
        }
        if (parts == 0) {
            ZoneOffset offset = rules.getOffset(around);
            lines.addAll(observance(offset, offset, LocalDateTime.of(1970, 1, 1, 0, 0), null));
        }
        lines.add("END:VTIMEZONE");
        return lines;
    }

    private static List<String> observance(ZoneOffset before, ZoneOffset after, LocalDateTime start, String rrule) {
        String kind = after.getTotalSeconds() > before.getTotalSeconds() ? "DAYLIGHT" : "STANDARD";
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:" + kind);
        lines.add("DTSTART:" + LOCAL.format(start));
        lines.add("TZOFFSETFROM:" + offset(before));
        lines.add("TZOFFSETTO:" + offset(after));
        if (rrule != null) {
            lines.add("RRULE:" + rrule);
        }
        lines.add("END:" + kind);
        return lines;
    }

    /** The yearly rule as an RRULE: "last Sunday of March" becomes {@code BYMONTH=3;BYDAY=-1SU}. */
    static String rrule(ZoneOffsetTransitionRule rule) {
        Month month = rule.getMonth();
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek dow = rule.getDayOfWeek();
        String base = "FREQ=YEARLY;BYMONTH=" + month.getValue();
        if (dow == null) {
            return base + ";BYMONTHDAY=" + indicator;
        }
        String day = DAYS[dow.getValue() - 1];
        if (indicator == -1 || (indicator > 0 && indicator + 6 == month.maxLength() && month != Month.FEBRUARY)) {
            return base + ";BYDAY=-1" + day;
        }
        if (indicator > 0 && (indicator - 1) % 7 == 0) {
            return base + ";BYDAY=" + ((indicator - 1) / 7 + 1) + day;
        }
        // "on or after the 15th" and the like: the seven days that can hold it.
        StringJoiner days = new StringJoiner(",");
        for (int i = 0; i < 7; i++) {
            days.add(String.valueOf(indicator > 0 ? indicator + i : indicator - i));
        }
        return base + ";BYMONTHDAY=" + days + ";BYDAY=" + day;
    }

    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String value = String.format("%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
        return abs % 60 == 0 ? value : value + String.format("%02d", abs % 60);
    }

    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1). */
    static String fold(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
