package com.telemed.notification.message;

import java.time.Instant;
import java.util.List;

/** A claimed message on its way to the mail provider, decrypted. */
public record Outgoing(long id, String template, String recipient, String subject, String text, String html,
        List<Attachment> attachments, int attempts, Instant eventAt) {

    /** A claimed message whose stored content could not be decrypted. */
    public static Outgoing unreadable(long id, String template, int attempts, Instant eventAt) {
        return new Outgoing(id, template, null, null, null, null, List.of(), attempts, eventAt);
    }

    public boolean readable() {
        return recipient != null;
    }
}
