package com.telemed.booking.consultations;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a consultation, as stored and sent ({@link #wire()}), and the changes each one allows.
 *
 * <pre>
 * pending_payment → confirmed | cancelled
 * confirmed       → in_progress | completed | cancelled | no_show
 * in_progress     → completed
 * </pre>
 */
public enum ConsultationStatus {

    PENDING_PAYMENT("pending_payment"),
    CONFIRMED("confirmed"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled"),
    NO_SHOW("no_show");

    /** The states in which a patient has (or had) a care relationship with the consultation's doctor. */
    public static final Set<ConsultationStatus> CARE = EnumSet.of(CONFIRMED, IN_PROGRESS, COMPLETED, NO_SHOW);

    private final String wire;

    ConsultationStatus(String wire) {
        this.wire = wire;
    }

    /** The snake_case value stored in {@code consultations.status} and used in the API and events. */
    public String wire() {
        return wire;
    }

    /** The next states this one allows. */
    public Set<ConsultationStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW);
            case IN_PROGRESS -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(ConsultationStatus.class);
        };
    }

    public boolean canBecome(ConsultationStatus target) {
        return next().contains(target);
    }

    /** Pending or confirmed: the consultation may still be moved or cancelled. */
    public boolean active() {
        return this == PENDING_PAYMENT || this == CONFIRMED;
    }

    public static Optional<ConsultationStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    /** The state stored in the database (always one of these, by the table's check constraint). */
    static ConsultationStatus stored(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalStateException("Unknown stored status " + value));
    }

    @Override
    public String toString() {
        return wire;
    }
}
