package com.telemed.booking.doctors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import com.telemed.booking.BookingProperties;
import com.telemed.booking.availability.Availability;
import com.telemed.booking.availability.SlotRules;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * A bookable doctor with their slot rules, kept for a short while: every booking needs them and they rarely change.
 * A change made through this instance (agenda, directory) evicts at once; one made through another instance is
 * seen within the time to live. Whether a slot is still free is never cached: the database decides that.
 */
@Component
public class BookingTargets {

    private static final String READ = "select d.id, d.full_name, d.specialty, p.fee_amount, p.currency, "
            + Availability.RULES_COLUMNS + """
             from doctors d join doctor_profiles p on p.doctor_id = d.id
            where d.id = :id and d.active and d.role in ('specialist', 'doctor')""";

    private record Cached(BookingTarget target, Instant until) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<Long, Cached> cache = new ConcurrentHashMap<>();
    // Bumped by every eviction: a read that started before a change does not put the old rules back.
    private final AtomicLong generation = new AtomicLong();

    public BookingTargets(DatabaseClient db, Clock clock, BookingProperties properties) {
        this.db = db;
        this.clock = clock;
        this.ttl = properties.rulesCacheTtl();
    }

    /** The doctor and their rules if they can be booked, else 404. */
    public Mono<BookingTarget> of(long doctorId) {
        Cached cached = cache.get(doctorId);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Mono.just(cached.target());
        }
        long seen = generation.get();
        return read(doctorId).doOnNext(target -> {
            if (!ttl.isZero() && cache.size() < 10_000) {
                cache.put(doctorId, new Cached(target, clock.instant().plus(ttl)));
                if (generation.get() != seen) {
                    cache.remove(doctorId);
                }
            }
        });
    }

    /** Forgets a doctor's cached rules; call once a change to the doctor or their agenda has been committed. */
    public void evict(long doctorId) {
        generation.incrementAndGet();
        cache.remove(doctorId);
    }

    /** Evicts once the current transaction commits (at once outside one), so no reader can cache the old rules. */
    public Mono<Void> evictAfterCommit(long doctorId) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> evict(doctorId));
                    }
                }))
                .switchIfEmpty(Mono.fromRunnable(() -> evict(doctorId)))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(() -> evict(doctorId)))
                .then();
    }

    private Mono<BookingTarget> read(long doctorId) {
        return db.sql(READ).bind("id", doctorId)
                .map(row -> {
                    SlotRules rules = Availability.rules(row);
                    return new BookingTarget(new BookableDoctor(row.get("id", Long.class),
                            row.get("full_name", String.class), row.get("specialty", String.class),
                            row.get("fee_amount", Long.class), row.get("currency", String.class), rules.slotMinutes(),
                            row.get("timezone", String.class)), rules);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Doctor")));
    }
}
