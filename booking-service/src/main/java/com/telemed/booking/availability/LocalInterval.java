package com.telemed.booking.availability;

import java.time.LocalTime;

/** Working time within one local day of the doctor. */
public record LocalInterval(LocalTime start, LocalTime end) {
}
