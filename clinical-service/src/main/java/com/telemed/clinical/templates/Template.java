package com.telemed.clinical.templates;

import java.time.Instant;
import java.util.List;

import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.Medication;
import org.jspecify.annotations.Nullable;

/**
 * A reusable starting point for a record. {@code clinicWide} templates (made by admins, or the starters) are shared
 * by every doctor; {@code editable} says whether the caller who read it may change it.
 */
public record Template(long id, String name, @Nullable String description, @Nullable String chiefComplaint,
        @Nullable String background, @Nullable String assessment, @Nullable String plan, List<Allergy> allergies,
        List<Medication> medications, @Nullable Long createdById, boolean clinicWide, boolean editable,
        Instant createdAt, Instant updatedAt) {

    public ClinicalContent content() {
        return new ClinicalContent(chiefComplaint, background, assessment, plan, allergies, medications);
    }
}
