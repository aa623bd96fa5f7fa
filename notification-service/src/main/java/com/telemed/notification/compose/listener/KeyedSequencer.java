package com.telemed.notification.compose.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs work for the same key one after the other, in the order it was submitted, and work for different keys
 * side by side, at most {@code parallelism} at a time. A listener returning a {@code Mono} receives a whole poll's
 * records before the first one's work completes: the events of one aggregate (same key) must still apply in order
 * (booked before confirmed before cancelled), and a burst must not take every database connection from the
 * delivery worker. A key's entry is dropped once its last piece of work is done.
 */
final class KeyedSequencer {

    private final Map<String, Mono<Void>> tails = new ConcurrentHashMap<>();
    private final Sinks.Many<Job> jobs = Sinks.many().unicast().onBackpressureBuffer();

    KeyedSequencer(int parallelism) {
        jobs.asFlux()
                .flatMap(job -> Mono.defer(job.work())
                        .doOnSuccess(v -> job.done().tryEmitEmpty())
                        .doOnError(e -> job.done().tryEmitError(e))
                        .onErrorResume(e -> Mono.empty()), Math.max(1, parallelism))
                .subscribe();
    }

    private record Job(Supplier<Mono<Void>> work, Sinks.Empty<Void> done) {
    }

    Mono<Void> after(String key, Supplier<Mono<Void>> work) {
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> mine = done.asMono();
        Mono<Void> previous = tails.put(key, mine);
        Mono<Void> wait = previous == null ? Mono.empty() : previous.onErrorResume(e -> Mono.empty());
        Runnable release = () -> {
            tails.remove(key, mine);
            done.tryEmitEmpty();
        };
        // Released before the outcome reaches the caller (doFinally would run after it), so a caller that has seen
        // the last piece of work end also sees the key gone.
        return wait.then(Mono.defer(() -> run(work)))
                .doOnTerminate(release)
                .doOnCancel(release);
    }

    private Mono<Void> run(Supplier<Mono<Void>> work) {
        Sinks.Empty<Void> finished = Sinks.empty();
        // Several threads may hand in work at once: retry the emission briefly instead of failing it.
        jobs.emitNext(new Job(work, finished), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        return finished.asMono();
    }

    int pendingKeys() {
        return tails.size();
    }
}
