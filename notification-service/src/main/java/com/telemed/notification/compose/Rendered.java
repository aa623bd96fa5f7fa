package com.telemed.notification.compose;

/** One email in its two forms. */
public record Rendered(String subject, String text, String html) {
}
