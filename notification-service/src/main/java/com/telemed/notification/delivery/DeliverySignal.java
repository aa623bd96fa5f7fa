package com.telemed.notification.delivery;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Wakes the delivery worker as soon as new messages are committed, instead of at its next poll. */
@Component
public class DeliverySignal {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

    public void wakeUp() {
        sink.tryEmitNext(Boolean.TRUE);
    }

    Flux<Boolean> wakeUps() {
        return sink.asFlux();
    }
}
