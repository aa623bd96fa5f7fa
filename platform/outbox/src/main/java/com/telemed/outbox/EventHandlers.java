package com.telemed.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import com.telemed.events.EventData;
import com.telemed.events.EventEnvelope;
import com.telemed.events.EventType;

import reactor.core.publisher.Mono;

/**
 * What one consumer does with each event type it cares about. Types it has no handler for are skipped, so a
 * consumer keeps working when producers add new facts.
 */
public final class EventHandlers {

    private final Map<String, Handler<?>> byType;

    private EventHandlers(Map<String, Handler<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Mono<Void>> effectOf(EventEnvelope envelope) {
        return Optional.ofNullable(byType.get(envelope.type())).map(handler -> handler.apply(envelope));
    }

    public boolean handles(String type) {
        return byType.containsKey(type);
    }

    public static final class Builder {
        private final Map<String, Handler<?>> byType = new HashMap<>();

        /** The effect gets the typed payload and the envelope (for its event id and time). */
        public <T extends EventData> Builder on(Class<T> dataClass, BiFunction<T, EventEnvelope, Mono<Void>> effect) {
            byType.put(EventType.of(dataClass).typeName(), new Handler<>(dataClass, effect));
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(byType);
        }
    }

    private record Handler<T extends EventData>(Class<T> dataClass, BiFunction<T, EventEnvelope, Mono<Void>> effect) {
        Mono<Void> apply(EventEnvelope envelope) {
            return Mono.defer(() -> effect.apply(envelope.dataAs(dataClass), envelope));
        }
    }
}
