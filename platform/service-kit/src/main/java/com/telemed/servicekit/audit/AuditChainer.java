package com.telemed.servicekit.audit;

import java.time.Duration;

import com.telemed.work.BackgroundRounds;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Links new audit rows into the hash chain every few seconds, one round at a time. */
public class AuditChainer extends BackgroundRounds {

    private final AuditLog audit;
    private final Duration interval;

    public AuditChainer(AuditLog audit, Duration interval) {
        this.audit = audit;
        this.interval = interval;
    }

    @Override
    protected Disposable startRounds() {
        return rounds("Audit chaining", Flux.interval(interval, interval), audit::chain);
    }
}
