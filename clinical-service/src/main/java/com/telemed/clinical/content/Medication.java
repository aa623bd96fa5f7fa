package com.telemed.clinical.content;

import org.jspecify.annotations.Nullable;

/** A medication the patient takes, as written in a record or template. */
public record Medication(String name, @Nullable String dose, @Nullable String frequency, @Nullable String route) {
}
