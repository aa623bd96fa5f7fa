package com.telemed.booking.consultations;

import java.util.Arrays;
import java.util.Locale;

import com.telemed.events.ConsultationConfirmed;
import com.telemed.servicekit.web.ApiException;

/**
 * How a consultation booked by staff is paid. {@code online}: pending payment, the patient pays through the checkout
 * (a public booking is always online). {@code clinic} and {@code free}: confirmed at once without any online payment,
 * recorded as {@code payment_status} {@code at_clinic} / {@code free} and announced with that payment mode, so nobody
 * ever shows or treats them as paid online.
 */
public enum PaymentMode {
    ONLINE("online", "unpaid", ConsultationConfirmed.ONLINE),
    CLINIC("clinic", "at_clinic", ConsultationConfirmed.PAY_AT_CLINIC),
    FREE("free", "free", ConsultationConfirmed.FREE);

    private final String wire;
    private final String paymentStatus;
    private final String eventMode;

    PaymentMode(String wire, String paymentStatus, String eventMode) {
        this.wire = wire;
        this.paymentStatus = paymentStatus;
        this.eventMode = eventMode;
    }

    public String wire() {
        return wire;
    }

    /** The consultation's {@code payment_status} once booked this way. */
    public String paymentStatus() {
        return paymentStatus;
    }

    /** The {@code payment_mode} of its {@code consultation.confirmed}. */
    public String eventMode() {
        return eventMode;
    }

    /** Null means online; anything unknown is 422 {@code invalid-payment-mode}. */
    public static PaymentMode parse(String value) {
        if (value == null || value.isBlank()) {
            return ONLINE;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wire.equals(v)).findFirst()
                .orElseThrow(() -> ApiException.unprocessable("invalid-payment-mode",
                        "payment_mode must be online, clinic or free"));
    }
}
