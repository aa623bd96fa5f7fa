package com.telemed.clinical.content;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Allergy and medication lists as stored: a JSON array (encrypted for records, in the clear for templates). */
public final class ContentJson {

    private static final TypeReference<List<Allergy>> ALLERGIES = new TypeReference<>() { };
    private static final TypeReference<List<Medication>> MEDICATIONS = new TypeReference<>() { };

    private ContentJson() {
    }

    public static String write(List<?> items) {
        return JsonMapper.shared().writeValueAsString(items == null ? List.of() : items);
    }

    public static List<Allergy> allergies(String json) {
        return json == null || json.isBlank() ? List.of() : JsonMapper.shared().readValue(json, ALLERGIES);
    }

    public static List<Medication> medications(String json) {
        return json == null || json.isBlank() ? List.of() : JsonMapper.shared().readValue(json, MEDICATIONS);
    }
}
