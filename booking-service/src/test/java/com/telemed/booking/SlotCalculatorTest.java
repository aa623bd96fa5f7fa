package com.telemed.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.telemed.booking.availability.LocalInterval;
import com.telemed.booking.availability.Slot;
import com.telemed.booking.availability.SlotCalculator;
import com.telemed.booking.availability.SlotRules;

/** Slot maths across daylight-saving changes: local working hours stay local. */
class SlotCalculatorTest {

    private static SlotRules rules(String zone, LocalTime start, LocalTime end, int slot, int buffer) {
        Map<DayOfWeek, List<LocalInterval>> weekly = Arrays.stream(DayOfWeek.values())
                .collect(Collectors.toMap(Function.identity(), d -> List.of(new LocalInterval(start, end))));
        return new SlotRules(ZoneId.of(zone), slot, buffer, Duration.ZERO, 3650, weekly, Map.of(), List.of());
    }

    private static List<Slot> day(SlotRules rules, String date) {
        LocalDate d = LocalDate.parse(date);
        return SlotCalculator.slots(rules, d, d, Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void madridSpringForwardWeekKeepsNineLocal() {
        SlotRules r = rules("Europe/Madrid", LocalTime.of(9, 0), LocalTime.of(10, 0), 30, 0);
        // CET (+01) on Saturday 28 March 2026, CEST (+02) from Sunday 29 March.
        assertThat(day(r, "2026-03-28")).extracting(Slot::startsAt)
                .containsExactly(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-28T08:30:00Z"));
        assertThat(day(r, "2026-03-29")).extracting(Slot::startsAt)
                .containsExactly(Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-29T07:30:00Z"));
    }

    @Test
    void madridFallBackWeekKeepsNineLocal() {
        SlotRules r = rules("Europe/Madrid", LocalTime.of(9, 0), LocalTime.of(9, 30), 30, 0);
        assertThat(day(r, "2026-10-24")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-10-24T07:00:00Z"));
        assertThat(day(r, "2026-10-25")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-10-25T08:00:00Z"));
    }

    @Test
    void newYorkDaylightSavingWeeksKeepNineLocal() {
        SlotRules r = rules("America/New_York", LocalTime.of(9, 0), LocalTime.of(9, 30), 30, 0);
        assertThat(day(r, "2026-03-07")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-03-07T14:00:00Z"));
        assertThat(day(r, "2026-03-09")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(day(r, "2026-10-31")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-10-31T13:00:00Z"));
        assertThat(day(r, "2026-11-02")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void theSpringForwardGapHasNoSlotsAndTheRepeatedHourHasDistinctOnes() {
        // Madrid: 02:00-03:00 does not exist on 29 March 2026; 02:00-03:00 happens twice on 25 October 2026.
        SlotRules night = rules("Europe/Madrid", LocalTime.of(1, 0), LocalTime.of(4, 0), 60, 0);
        assertThat(day(night, "2026-03-29")).extracting(Slot::startsAt)
                .containsExactly(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"));
        List<Slot> fallBack = day(night, "2026-10-25");
        assertThat(fallBack).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-10-24T23:00:00Z"),
                Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(fallBack).allSatisfy(s -> assertThat(Duration.between(s.startsAt(), s.endsAt())).hasMinutes(60));
    }

    @Test
    void bufferSpacesTheGridAndOnGridRejectsOffGridTimes() {
        SlotRules r = rules("Europe/Madrid", LocalTime.of(9, 0), LocalTime.of(11, 0), 30, 15);
        assertThat(day(r, "2026-06-01")).extracting(Slot::startsAt).containsExactly(
                Instant.parse("2026-06-01T07:00:00Z"), Instant.parse("2026-06-01T07:45:00Z"),
                Instant.parse("2026-06-01T08:30:00Z"));
        assertThat(SlotCalculator.onGrid(r, Instant.parse("2026-06-01T07:45:00Z"))).isTrue();
        assertThat(SlotCalculator.onGrid(r, Instant.parse("2026-06-01T07:30:00Z"))).isFalse();
        assertThat(SlotCalculator.onGrid(r, Instant.parse("2026-06-01T06:00:00Z"))).isFalse();
    }

    @Test
    void overridesReplaceTheWeekAndBlocksRemoveSlots() {
        SlotRules base = rules("Europe/Madrid", LocalTime.of(9, 0), LocalTime.of(10, 0), 30, 0);
        SlotRules r = new SlotRules(base.zone(), 30, 0, Duration.ZERO, 3650, base.weekly(),
                Map.of(LocalDate.parse("2026-06-02"), List.of(), LocalDate.parse("2026-06-03"),
                        List.of(new LocalInterval(LocalTime.of(16, 0), LocalTime.of(16, 30)))),
                List.of(new SlotRules.Block(Instant.parse("2026-06-04T07:00:00Z"), Instant.parse("2026-06-04T07:30:00Z"))));
        assertThat(day(r, "2026-06-02")).isEmpty();
        assertThat(day(r, "2026-06-03")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-06-03T14:00:00Z"));
        assertThat(day(r, "2026-06-04")).extracting(Slot::startsAt).containsExactly(Instant.parse("2026-06-04T07:30:00Z"));
    }
}
