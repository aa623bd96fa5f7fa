package com.telemed.notification.message;

/** A file sent with a message (the booking's calendar entry). */
public record Attachment(String filename, String contentType, byte[] content) {
}
