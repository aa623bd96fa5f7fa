package com.telemed.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping of events: snake_case fields, ISO-8601 instants, unknown fields tolerated. */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventJson() {
    }

    /**
     * Loads the schemas consumers check payloads against. Call it at start-up: reading them lazily would read
     * files on whichever thread first receives an event, possibly an event-loop thread.
     */
    public static void warmUp() {
        RequiredFields.of(EventType.PAYMENT_CONFIRMED);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.type() == null || envelope.data() == null) {
                throw new InvalidEventException("Envelope lacks event_id, type or data");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new InvalidEventException("Unparseable event envelope: " + e.getOriginalMessage(), e);
        }
    }

    static <T extends EventData> T readData(EventEnvelope envelope, Class<T> type) {
        EventType.fromName(envelope.type())
                .map(RequiredFields::of)
                .ifPresent(required -> required.check(envelope));
        try {
            return MAPPER.treeToValue(envelope.data(), type);
        } catch (JacksonException e) {
            throw new InvalidEventException("Event " + envelope.type() + " does not fit its contract: "
                    + e.getOriginalMessage(), e);
        }
    }
}
