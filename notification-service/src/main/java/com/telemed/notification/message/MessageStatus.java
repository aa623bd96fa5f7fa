package com.telemed.notification.message;

import java.util.Locale;
import java.util.Optional;

/** Where a message stands in the send queue. */
public enum MessageStatus {
    QUEUED, RETRYING, SENT, FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static Optional<MessageStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (MessageStatus status : values()) {
            if (status.dbValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
