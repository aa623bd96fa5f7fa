package com.telemed.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The fields a type's JSON Schema marks as required, checked when a consumer reads the payload, so that a
 * producer's bug surfaces as an {@link InvalidEventException} (dead-lettered) rather than a null deep inside.
 */
final class RequiredFields {

    private static final Map<EventType, RequiredFields> BY_TYPE = loadAll();

    private final EventType type;
    private final List<String> names;

    private RequiredFields(EventType type, List<String> names) {
        this.type = type;
        this.names = names;
    }

    static RequiredFields of(EventType type) {
        return BY_TYPE.get(type);
    }

    /** Reads every schema once, when the class is first used (start-up, see {@link EventJson#warmUp()}). */
    private static Map<EventType, RequiredFields> loadAll() {
        Map<EventType, RequiredFields> all = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, load(type));
        }
        return all;
    }

    private static RequiredFields load(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No schema for " + type.typeName());
            }
            List<String> names = new ArrayList<>();
            EventJson.mapper().readTree(in).path("required").forEach(n -> names.add(n.asString()));
            return new RequiredFields(type, List.copyOf(names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void check(EventEnvelope envelope) {
        JsonNode data = envelope.data();
        for (String name : names) {
            JsonNode value = data.get(name);
            if (value == null || value.isNull()) {
                throw new InvalidEventException("Event " + type.typeName() + " lacks required field " + name);
            }
        }
    }
}
