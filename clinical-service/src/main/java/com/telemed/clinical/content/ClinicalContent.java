package com.telemed.clinical.content;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.telemed.servicekit.web.ApiException;

/**
 * The SOAP sections of a record or template: chief complaint (subjective), background, assessment and plan, with
 * structured allergies and medications. A null section means "not given" (kept as it is when changing).
 */
public record ClinicalContent(String chiefComplaint, String background, String assessment, String plan,
        List<Allergy> allergies, List<Medication> medications) {

    /** The longest text a section, an addendum or a reason may hold. */
    public static final int MAX_TEXT = 20_000;
    /** The longest text of one allergy or medication field. */
    public static final int MAX_ITEM_TEXT = 1_000;
    public static final int MAX_ITEMS = 100;
    public static final Set<String> SEVERITIES = Set.of("mild", "moderate", "severe");

    public static final ClinicalContent EMPTY = new ClinicalContent(null, null, null, null, List.of(), List.of());

    /** 422 unless every section and list entry is within its limits and well formed. */
    public ClinicalContent validated() {
        text("chief_complaint", chiefComplaint);
        text("background", background);
        text("assessment", assessment);
        text("plan", plan);
        if (allergies != null) {
            items("allergies", allergies.size());
            for (Allergy a : allergies) {
                if (a == null || a.substance() == null || a.substance().isBlank()) {
                    throw ApiException.unprocessable("invalid-allergy", "Every allergy needs a substance");
                }
                item("allergies.substance", a.substance());
                item("allergies.reaction", a.reaction());
                if (a.severity() != null && !SEVERITIES.contains(a.severity().toLowerCase(Locale.ROOT))) {
                    throw ApiException.unprocessable("invalid-severity", "severity is one of mild, moderate, severe");
                }
            }
        }
        if (medications != null) {
            items("medications", medications.size());
            for (Medication m : medications) {
                if (m == null || m.name() == null || m.name().isBlank()) {
                    throw ApiException.unprocessable("invalid-medication", "Every medication needs a name");
                }
                item("medications.name", m.name());
                item("medications.dose", m.dose());
                item("medications.frequency", m.frequency());
                item("medications.route", m.route());
            }
        }
        return normalised();
    }

    /** These sections where given, {@code base}'s otherwise. */
    public ClinicalContent over(ClinicalContent base) {
        return new ClinicalContent(pick(chiefComplaint, base.chiefComplaint), pick(background, base.background),
                pick(assessment, base.assessment), pick(plan, base.plan), pick(allergies, base.allergies),
                pick(medications, base.medications));
    }

    /** Lists are never null; severities lower-case; blank item fields absent. */
    private ClinicalContent normalised() {
        List<Allergy> a = allergies == null ? null : allergies.stream()
                .map(x -> new Allergy(x.substance().trim(), blankToNull(x.reaction()),
                        x.severity() == null ? null : x.severity().toLowerCase(Locale.ROOT)))
                .toList();
        List<Medication> m = medications == null ? null : medications.stream()
                .map(x -> new Medication(x.name().trim(), blankToNull(x.dose()), blankToNull(x.frequency()),
                        blankToNull(x.route())))
                .toList();
        return new ClinicalContent(chiefComplaint, background, assessment, plan, a, m);
    }

    public boolean hasChiefComplaint() {
        return chiefComplaint != null && !chiefComplaint.isBlank();
    }

    /** 422 when a free text is longer than {@link #MAX_TEXT}. */
    public static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw ApiException.unprocessable("text-too-long", field + " is longer than " + MAX_TEXT + " characters");
        }
    }

    private static void item(String field, String value) {
        if (value != null && value.length() > MAX_ITEM_TEXT) {
            throw ApiException.unprocessable("text-too-long",
                    field + " is longer than " + MAX_ITEM_TEXT + " characters");
        }
    }

    private static void items(String field, int count) {
        if (count > MAX_ITEMS) {
            throw ApiException.unprocessable("too-many-items", field + " holds at most " + MAX_ITEMS + " entries");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
