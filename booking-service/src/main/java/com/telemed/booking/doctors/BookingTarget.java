package com.telemed.booking.doctors;

import com.telemed.booking.availability.SlotRules;

/** A bookable doctor together with the rules their slots follow, as one booking reads them. */
public record BookingTarget(BookableDoctor doctor, SlotRules rules) {
}
