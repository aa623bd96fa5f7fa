package com.telemed.notification.message;

import java.time.Instant;

/** What the admin API shows of a message: no bodies, the recipient masked. */
public record MessageSummary(long id, String type, String eventType, String to, String locale, String status,
        int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
}
