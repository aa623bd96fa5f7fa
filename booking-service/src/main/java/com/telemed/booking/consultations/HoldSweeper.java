package com.telemed.booking.consultations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import com.telemed.booking.BookingProperties;
import com.telemed.work.BackgroundRounds;

import io.micrometer.core.instrument.Gauge;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * Releases holds whose time ran out (consultation.cancelled, reason hold_expired): every sweep interval, batch
 * after batch until none is left, each batch one short transaction with a deadline.
 */
@Component
class HoldSweeper extends BackgroundRounds {

    static final int BATCH = 200;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);

    private final AtomicLong unreleased = new AtomicLong();
    private final Lifecycle lifecycle;
    private final BookingProperties properties;

    HoldSweeper(Lifecycle lifecycle, BookingProperties properties) {
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    @Override
    protected Disposable startRounds() {
        Gauge.builder("telemed.booking.holds.expired.unreleased", unreleased, AtomicLong::get)
                .description("Holds expired for longer than two sweep intervals and still holding their slot")
                .register(meters());
        return Disposables.composite(
                batches("Hold sweeper", Flux.interval(properties.sweepInterval()), BATCH_TIMEOUT, BATCH,
                        () -> lifecycle.releaseExpiredHolds(BATCH)),
                rounds("Hold gauges", Flux.interval(Duration.ZERO, Duration.ofSeconds(15)),
                        () -> lifecycle.countExpiredHolds(properties.sweepInterval().multipliedBy(2))
                                .doOnNext(unreleased::set)));
    }
}
