package com.telemed.outbox;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Lets a commit wake the relay at once instead of waiting for its next poll. */
public class OutboxSignal {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

    public void wake() {
        sink.tryEmitNext(Boolean.TRUE);
    }

    Flux<Boolean> wakeUps() {
        return sink.asFlux();
    }
}
