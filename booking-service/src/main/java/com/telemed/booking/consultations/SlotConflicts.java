package com.telemed.booking.consultations;

import com.telemed.servicekit.web.ApiException;

import io.r2dbc.spi.R2dbcException;

/** Turns the database's refusal of an overlapping consultation into the 409 the caller understands. */
final class SlotConflicts {

    private static final String EXCLUSION_VIOLATION = "23P01";

    private SlotConflicts() {
    }

    static boolean isSlotTaken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc && EXCLUSION_VIOLATION.equals(r2dbc.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Throwable translate(Throwable error) {
        return isSlotTaken(error) ? slotTaken() : error;
    }

    static ApiException slotTaken() {
        return ApiException.conflict("slot-taken", "This time was just taken; please choose another slot");
    }
}
