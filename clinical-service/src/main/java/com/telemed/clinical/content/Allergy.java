package com.telemed.clinical.content;

import org.jspecify.annotations.Nullable;

/** An allergy as written in a record or template: {@code severity} is mild, moderate or severe. */
public record Allergy(String substance, @Nullable String reaction, @Nullable String severity) {
}
