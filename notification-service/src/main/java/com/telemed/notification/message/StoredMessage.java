package com.telemed.notification.message;

import java.time.Instant;
import java.util.List;

/** A message as stored, decrypted for its reader. */
public record StoredMessage(long id, String template, String eventType, String recipient, String locale,
        String subject, String text, String html, MessageStatus status, int attempts, String lastError,
        Instant createdAt, Instant sentAt, Instant eventAt, List<AttachmentInfo> attachments) {

    /** An attachment without its content. */
    public record AttachmentInfo(long id, String filename, String contentType) {
    }
}
