package com.telemed.notification.compose.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs work for the same key one after the other, in the order it was submitted, and work for different keys
 * side by side. A listener returning a {@code Mono} receives the next record before the previous one's work
 * completes; the events of one aggregate (same key) must still apply in order (booked before confirmed before
 * cancelled). A key's entry is dropped once its last piece of work is done.
 */
final class KeyedSequencer {

    private final Map<String, Mono<Void>> tails = new ConcurrentHashMap<>();

    Mono<Void> after(String key, Supplier<Mono<Void>> work) {
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> mine = done.asMono();
        Mono<Void> previous = tails.put(key, mine);
        Mono<Void> wait = previous == null ? Mono.empty() : previous.onErrorResume(e -> Mono.empty());
        return wait.then(Mono.defer(work))
                .doFinally(signal -> {
                    tails.remove(key, mine);
                    done.tryEmitEmpty();
                });
    }

    int pendingKeys() {
        return tails.size();
    }
}
