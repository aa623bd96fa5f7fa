package com.telemed.booking.consultations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A booking: by the public (contact details), or by staff or a signed-in patient ({@code patientId}, or contact
 * details for a new patient). A doctor may ask for an {@code immediate} consultation (now, instead of
 * {@code scheduledAt}) and choose how it is paid ({@code paymentMode}: online, clinic or free; see {@link PaymentMode}).
 */
public record BookingRequest(@Nullable Long doctorId, @Nullable String specialty, @Nullable Instant scheduledAt,
        @Nullable Long patientId, @Nullable String fullName, @Nullable String email, @Nullable String phone,
        @Nullable String reasonForVisit, @Nullable String locale, @Nullable String timezone,
        @Nullable Boolean immediate, @Nullable String paymentMode) {

    public BookingRequest(Long doctorId, String specialty, Instant scheduledAt, Long patientId, String fullName,
            String email, String phone, String reasonForVisit, String locale, String timezone) {
        this(doctorId, specialty, scheduledAt, patientId, fullName, email, phone, reasonForVisit, locale, timezone,
                null, null);
    }

    boolean isImmediate() {
        return Boolean.TRUE.equals(immediate);
    }

    /** The same request for this start time (an immediate consultation's "now"). */
    BookingRequest at(Instant startsAt) {
        return new BookingRequest(doctorId, specialty, startsAt, patientId, fullName, email, phone, reasonForVisit,
                locale, timezone, immediate, paymentMode);
    }
}
