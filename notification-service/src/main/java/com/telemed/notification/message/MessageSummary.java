package com.telemed.notification.message;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What the admin API shows of a message: no bodies, the recipient masked. */
public record MessageSummary(long id, String type, String eventType, String to, String locale, String status,
        int attempts, @Nullable String lastError, Instant createdAt, @Nullable Instant nextAttemptAt,
        @Nullable Instant sentAt) {
}
