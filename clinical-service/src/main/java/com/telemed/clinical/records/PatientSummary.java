package com.telemed.clinical.records;

import java.time.Instant;
import java.util.List;

import com.telemed.clinical.care.CareConsultation;
import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.Medication;
import org.jspecify.annotations.Nullable;

/**
 * What clinical-service knows of a patient for the doctor who treats them: their consultations with this doctor,
 * the active allergies and medications merged from signed records (the newest mention of a substance or drug
 * wins) and the history's size. The patient's identity comes from booking (docs/adr/0009).
 */
public record PatientSummary(long patientId, List<CareConsultation> consultations, @Nullable Instant lastConsultationAt,
        List<Allergy> allergies, List<Medication> medications, long recordsCount, @Nullable Instant lastRecordAt) {
}
