package com.telemed.booking.consultations;

import org.springframework.stereotype.Component;

import com.telemed.booking.BookingProperties;
import com.telemed.outbox.BackgroundRounds;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Releases holds whose time ran out (consultation.cancelled, reason hold_expired), in rounds. */
@Component
class HoldSweeper extends BackgroundRounds {

    private static final int BATCH = 200;

    private final Lifecycle lifecycle;
    private final BookingProperties properties;

    HoldSweeper(Lifecycle lifecycle, BookingProperties properties) {
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    @Override
    protected Disposable startRounds() {
        return rounds("Hold sweeper", Flux.interval(properties.sweepInterval()), this::sweepAll);
    }

    /** Sweeps batch after batch until none is left. */
    Mono<Long> sweepAll() {
        return lifecycle.releaseExpiredHolds(BATCH)
                .expand(n -> n == BATCH ? lifecycle.releaseExpiredHolds(BATCH) : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
