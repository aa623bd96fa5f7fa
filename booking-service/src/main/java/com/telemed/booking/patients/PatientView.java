package com.telemed.booking.patients;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A patient with personal data decrypted, for staff and for the patient. */
public record PatientView(long id, String fullName, String email, @Nullable String phone, @Nullable String locale,
        Instant createdAt, @Nullable Long consultationsCount, @Nullable Instant lastConsultationAt) {

    /** The same patient with how many consultations they have and when the last one is. */
    public PatientView withConsultations(long count, Instant last) {
        return new PatientView(id, fullName, email, phone, locale, createdAt, count, last);
    }
}
