package com.telemed.servicekit.audit;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Links new audit rows into the hash chain every few seconds, one round at a time. */
public class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditLog audit;
    private final Duration interval;
    private volatile Disposable loop;

    public AuditChainer(AuditLog audit, Duration interval) {
        this.audit = audit;
        this.interval = interval;
    }

    @Override
    public void start() {
        loop = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> audit.chain().onErrorResume(e -> {
                    log.warn("Audit chaining round failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
