package com.telemed.servicekit.crypto;

/**
 * Seals a secret (temporary password, link token) into an event so that only services holding
 * {@code TELEMED_EVENT_SEAL_KEYS} (the producer and notification-service) can open it. The event type and
 * field name are bound as associated data, so a sealed value cannot be replayed into another field or event.
 */
public final class EventSeal {

    private final FieldCipher cipher;

    public EventSeal(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String eventType, String field, String secret) {
        return cipher.encrypt(secret, eventType + "/" + field);
    }

    public String open(String eventType, String field, String sealed) {
        return cipher.decrypt(sealed, eventType + "/" + field);
    }
}
