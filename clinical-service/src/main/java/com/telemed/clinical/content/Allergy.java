package com.telemed.clinical.content;

/** An allergy as written in a record or template: {@code severity} is mild, moderate or severe. */
public record Allergy(String substance, String reaction, String severity) {
}
