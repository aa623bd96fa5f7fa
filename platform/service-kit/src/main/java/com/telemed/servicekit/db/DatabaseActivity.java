package com.telemed.servicekit.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.r2dbc.core.DatabaseClient;

import com.telemed.work.BackgroundRounds;

import io.micrometer.core.instrument.Gauge;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches this service's own PostgreSQL sessions: how many sit idle inside an open transaction and for how long
 * the oldest has ({@code telemed.db.idle.in.transaction.*}). A healthy service has none older than its own
 * statements take; the alert fires past 30 s.
 */
public class DatabaseActivity extends BackgroundRounds {

    private final DatabaseClient db;
    private final String application;
    private final AtomicLong idleSessions = new AtomicLong();
    private final AtomicLong oldestIdleMillis = new AtomicLong();

    DatabaseActivity(DatabaseClient db, String application) {
        this.db = db;
        this.application = application;
    }

    /** Sessions of this service idle in a transaction right now, and the age of the oldest such transaction. */
    public record IdleTransactions(long sessions, Duration oldest) {
    }

    public Mono<IdleTransactions> idleTransactions() {
        return db.sql("""
                        select count(*) as sessions,
                               coalesce(max(extract(epoch from clock_timestamp() - state_change)), 0)::float8 as oldest
                          from pg_stat_activity
                         where application_name = :app and state like 'idle in transaction%'""")
                .bind("app", application)
                .map(row -> new IdleTransactions(row.get("sessions", Long.class),
                        Duration.ofMillis(Math.round(row.get("oldest", Double.class) * 1000))))
                .one();
    }

    @Override
    protected Disposable startRounds() {
        Gauge.builder("telemed.db.idle.in.transaction.sessions", idleSessions, AtomicLong::get)
                .description("Sessions of this service idle inside an open transaction").register(meters());
        Gauge.builder("telemed.db.idle.in.transaction.max", oldestIdleMillis, v -> v.get() / 1000.0)
                .description("Age of this service's oldest transaction left idle").baseUnit("seconds")
                .register(meters());
        return rounds("Database activity", Flux.interval(Duration.ZERO, Duration.ofSeconds(10)),
                Duration.ofSeconds(10), () -> idleTransactions().doOnNext(idle -> {
                    idleSessions.set(idle.sessions());
                    oldestIdleMillis.set(idle.oldest().toMillis());
                }));
    }
}
