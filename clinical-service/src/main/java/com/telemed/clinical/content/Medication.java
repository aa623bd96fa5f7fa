package com.telemed.clinical.content;

/** A medication the patient takes, as written in a record or template. */
public record Medication(String name, String dose, String frequency, String route) {
}
