package com.telemed.booking.doctors;

import java.util.List;

import com.telemed.booking.availability.Slot;
import org.jspecify.annotations.Nullable;

/** A doctor as the public directory shows them. */
public record PublicDoctor(long id, String fullName, @Nullable String specialty, @Nullable String bio,
        long consultationFee, String currency, int durationMinutes, List<String> languages, String timezone,
        List<Slot> nextSlots) {
}
