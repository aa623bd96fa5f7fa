package com.telemed.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rendered email about to be queued, tied to the event that caused it. */
public record NewMessage(UUID eventId, String eventType, Instant eventAt, String template, String recipient,
        String locale, String subject, String text, String html, List<Attachment> attachments) {

    public NewMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
