package com.telemed.booking.access;

import com.telemed.servicekit.security.Caller;

/** What {@code consultation.cancelled} calls the one who cancels: admin, doctor, patient or system. */
public final class CancelledBy {

    private CancelledBy() {
    }

    public static String of(Caller caller) {
        if (caller.isAdmin()) {
            return "admin";
        }
        if (caller.isDoctor()) {
            return "doctor";
        }
        return caller.isPatient() ? "patient" : "system";
    }
}
