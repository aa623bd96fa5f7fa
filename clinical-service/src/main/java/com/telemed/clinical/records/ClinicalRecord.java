package com.telemed.clinical.records;

import java.time.Instant;
import java.util.List;

import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.Medication;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a patient's clinical history, decrypted for the doctor who reads it. {@code status}: draft (the
 * author may change or delete it), signed (locked), amended (signed, with addenda), entered_in_error (a signed
 * record withdrawn with a reason: kept and shown struck through).
 */
public record ClinicalRecord(long id, long patientId, @Nullable Long consultationId, Author author,
        @Nullable String chiefComplaint, @Nullable String background, @Nullable String assessment,
        @Nullable String plan, List<Allergy> allergies, List<Medication> medications, String status,
        Instant createdAt, Instant updatedAt, @Nullable Instant signedAt, @Nullable String enteredInErrorReason,
        @Nullable Instant enteredInErrorAt, List<Addendum> addenda) {

    public static final String DRAFT = "draft";
    public static final String SIGNED = "signed";
    public static final String AMENDED = "amended";
    public static final String ENTERED_IN_ERROR = "entered_in_error";

    /** Who wrote a record or an addendum; {@code fullName} as booking knows the doctor (may be empty). */
    public record Author(long id, String fullName) {
    }

    /** Text added to a signed record: the only way to change it. */
    public record Addendum(long id, String text, Author author, Instant createdAt) {
    }

}
