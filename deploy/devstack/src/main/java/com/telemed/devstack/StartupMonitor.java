package com.telemed.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Watches the started components until every one is ready: a line for each as it becomes ready, a
 * "waiting for" line now and then, and the first failure (a process that exits, or one not ready in time).
 */
final class StartupMonitor {

    /** Why start-up failed, and which component. */
    record Failure(ServiceProcess process, String reason) {
    }

    private static final Duration POLL = Duration.ofMillis(400);
    private static final Duration WAITING_EVERY = Duration.ofSeconds(10);

    private final Console console;
    private final ReadinessProbe probe;
    private final Duration timeout;
    private final BooleanSupplier stopping;

    StartupMonitor(Console console, ReadinessProbe probe, Duration timeout, BooleanSupplier stopping) {
        this.console = console;
        this.probe = probe;
        this.timeout = timeout;
        this.stopping = stopping;
    }

    Optional<Failure> awaitReady(Map<Component, ServiceProcess> started) throws InterruptedException {
        Map<Component, ServiceProcess> pending = new LinkedHashMap<>(started);
        long begin = System.nanoTime();
        long lastWaiting = begin;
        while (!pending.isEmpty()) {
            if (stopping.getAsBoolean()) {
                return Optional.empty();
            }
            for (var entry : new ArrayList<>(pending.entrySet())) {
                ServiceProcess process = entry.getValue();
                if (!process.isAlive()) {
                    return Optional.of(new Failure(process, "exited with code " + process.exitValue()
                            + " after " + seconds(process.secondsSinceStart())));
                }
                if (probe.isReady(entry.getKey())) {
                    pending.remove(entry.getKey());
                    console.ok(entry.getKey().name() + " ready on :" + entry.getKey().port());
                }
            }
            long now = System.nanoTime();
            if (!pending.isEmpty() && now - begin > timeout.toNanos()) {
                ServiceProcess first = pending.values().iterator().next();
                return Optional.of(new Failure(first, "not ready after " + timeout.toSeconds()
                        + " s (still waiting for " + names(pending) + "; TELEMED_DEVSTACK_TIMEOUT sets the limit)"));
            }
            if (!pending.isEmpty() && now - lastWaiting >= WAITING_EVERY.toNanos()) {
                console.note("waiting for: " + names(pending) + " (" + console.elapsed() + ")");
                lastWaiting = now;
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    private static String names(Map<Component, ServiceProcess> pending) {
        List<String> names = pending.keySet().stream().map(Component::name).toList();
        return String.join(", ", names);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
