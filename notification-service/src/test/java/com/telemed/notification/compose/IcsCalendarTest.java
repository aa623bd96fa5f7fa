package com.telemed.notification.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;

/**
 * The calendar file as a real iCalendar parser (ical4j) reads it: the consultation shows at the patient's local
 * time, and the VTIMEZONE we write (not the parser's own zone database) gives the right offset on both sides of
 * Europe/Madrid's daylight-saving changes (last Sunday of March and of October).
 */
class IcsCalendarTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @ParameterizedTest
    @CsvSource({
            // the day before the spring change, the day of it (after 02:00 → 03:00), and the week after
            "2026-03-28T09:00:00Z, 2026-03-28T10:00, 3600",
            "2026-03-29T08:00:00Z, 2026-03-29T10:00, 7200",
            "2026-04-05T08:00:00Z, 2026-04-05T10:00, 7200",
            // the day before the autumn change, the day of it (after 03:00 → 02:00), and the week after
            "2026-10-24T08:00:00Z, 2026-10-24T10:00, 7200",
            "2026-10-25T09:00:00Z, 2026-10-25T10:00, 3600",
            "2026-11-01T09:00:00Z, 2026-11-01T10:00, 3600" })
    void showsTheLocalTimeAcrossDaylightSavingChanges(String start, String local, int offsetSeconds) throws Exception {
        Instant at = Instant.parse(start);
        Calendar calendar = parse(IcsCalendar.of(event(at, MADRID)));

        VEvent event = only(calendar, VEvent.class);
        DtStart<Temporal> dtStart = event.<Temporal>getStartDate().orElseThrow();
        assertThat(dtStart.getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/Madrid");
        assertThat(LocalDateTime.from(dtStart.getDate())).isEqualTo(LocalDateTime.parse(local));

        VTimeZone vtimezone = only(calendar, VTimeZone.class);
        TimeZone fromOurVtimezone = new TimeZone(vtimezone);
        assertThat(fromOurVtimezone.getOffset(at.toEpochMilli())).isEqualTo(offsetSeconds * 1000);
        // The local time shown, read back through our VTIMEZONE, is the consultation's instant.
        Instant shown = LocalDateTime.parse(local).toInstant(java.time.ZoneOffset.ofTotalSeconds(
                fromOurVtimezone.getOffset(at.toEpochMilli()) / 1000));
        assertThat(shown).isEqualTo(at);
    }

    @Test
    void madridHasAStandardAndADaylightPartWithLastSundayRules() throws Exception {
        String ics = new String(IcsCalendar.of(event(Instant.parse("2026-06-01T08:00:00Z"), MADRID)),
                StandardCharsets.UTF_8);
        assertThat(ics).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\n")
                .contains("BEGIN:DAYLIGHT").contains("BEGIN:STANDARD")
                .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
                .contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
                .contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200")
                .contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100")
                .contains("DTSTART;TZID=Europe/Madrid:20260601T100000")
                .contains("DTEND;TZID=Europe/Madrid:20260601T103000");
        VTimeZone vtimezone = only(parse(ics.getBytes(StandardCharsets.UTF_8)), VTimeZone.class);
        List<Observance> observances = vtimezone.getObservances();
        assertThat(observances).extracting(Observance::getName).containsExactlyInAnyOrder("STANDARD", "DAYLIGHT");
    }

    @Test
    void aZoneWithoutDaylightSavingGetsOneFixedPart() throws Exception {
        Instant at = Instant.parse("2026-03-29T15:00:00Z");
        Calendar calendar = parse(IcsCalendar.of(event(at, ZoneId.of("America/Bogota"))));
        VTimeZone vtimezone = only(calendar, VTimeZone.class);
        assertThat(vtimezone.getObservances()).hasSize(1);
        assertThat(new TimeZone(vtimezone).getOffset(at.toEpochMilli())).isEqualTo(-5 * 3600 * 1000);
        DtStart<Temporal> dtStart = only(calendar, VEvent.class).<Temporal>getStartDate().orElseThrow();
        assertThat(LocalDateTime.from(dtStart.getDate())).isEqualTo(LocalDateTime.parse("2026-03-29T10:00"));
    }

    @Test
    void foldsLongLinesAndEscapesText() throws Exception {
        IcsCalendar.Event event = new IcsCalendar.Event("consultation-9@telemed", 0,
                Instant.parse("2026-05-05T08:00:00Z"), 30, MADRID, "Consulta; con, comas",
                "Línea uno\nLínea dos con un enlace muy largo: https://telemed.example/reserva/gestionar?id=9&token="
                        + "a".repeat(120),
                null, Instant.parse("2026-05-01T00:00:00Z"));
        byte[] bytes = IcsCalendar.of(event);
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        VEvent parsed = only(parse(bytes), VEvent.class);
        assertThat(parsed.getSummary().orElseThrow().getValue()).isEqualTo("Consulta; con, comas");
        assertThat(parsed.getDescription().orElseThrow().getValue()).startsWith("Línea uno\nLínea dos").endsWith("a".repeat(120));
    }

    private static IcsCalendar.Event event(Instant at, ZoneId zone) {
        return new IcsCalendar.Event("consultation-1@telemed", 0, at, 30, zone, "Consulta Telemed",
                "Videoconsulta", "https://telemed.example/reserva/gestionar?id=1&token=t", Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Calendar parse(byte[] ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(new String(ics, StandardCharsets.UTF_8)));
    }

    private static <T extends CalendarComponent> T only(Calendar calendar, Class<T> type) {
        List<CalendarComponent> all = calendar.getComponents();
        List<T> matching = all.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
