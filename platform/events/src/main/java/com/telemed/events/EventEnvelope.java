package com.telemed.events;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What travels on every topic: {@code {event_id, type, version, occurred_at, source, data}}.
 * {@code data} stays a JSON tree so that a consumer can skip types it does not know and read
 * only the fields it needs.
 */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String source, JsonNode data) {

    public static EventEnvelope wrap(EventData data, String source, Instant occurredAt) {
        EventType type = EventType.of(data);
        return new EventEnvelope(UUID.randomUUID(), type.typeName(), type.version(), occurredAt, source,
                EventJson.mapper().valueToTree(data));
    }

    /** The payload as its catalog record; fails with {@link InvalidEventException} when it does not fit. */
    public <T extends EventData> T dataAs(Class<T> type) {
        return EventJson.readData(this, type);
    }
}
