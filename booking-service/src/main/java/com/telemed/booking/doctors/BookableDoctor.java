package com.telemed.booking.doctors;

/** A doctor who can be booked: active, with a public profile. */
public record BookableDoctor(long id, String fullName, String specialty, long feeAmount, String currency,
        int slotMinutes, String timezone) {
}
