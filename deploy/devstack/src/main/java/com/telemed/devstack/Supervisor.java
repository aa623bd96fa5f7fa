package com.telemed.devstack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * After start-up, keeps every child running: one that dies is started again after a pause that doubles with each
 * crash (1 s, 2 s, 4 s …), and one that dies {@link Policy#maxCrashes()} times within {@link Policy#window()} is
 * left down with its last log lines shown, since starting it again would only repeat the same failure.
 */
final class Supervisor {

    record Policy(int maxCrashes, Duration window, Duration firstBackoff, Duration maxBackoff) {
        static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(16));

        Duration backoff(int recentCrashes) {
            long millis = firstBackoff.toMillis() << Math.min(20, Math.max(0, recentCrashes - 1));
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** What the supervisor tells the person at the keyboard. */
    interface Report {
        void died(ServiceProcess process, int exitCode, Duration restartIn, int recentCrashes);

        void restarted(ServiceProcess process, int restarts);

        void gaveUp(ServiceProcess process, int recentCrashes, Duration window);

        void restartFailed(String name, IOException error);
    }

    private static final class Child {
        ServiceProcess process;
        final Deque<Long> crashes = new ArrayDeque<>();
        long restartAtNanos = -1;
        int restarts;
        boolean givenUp;

        Child(ServiceProcess process) {
            this.process = process;
        }
    }

    private final Policy policy;
    private final Report report;
    private final Consumer<ServiceProcess> started;
    private final Consumer<ServiceProcess> ended;
    private final Map<String, Child> children = new LinkedHashMap<>();

    /**
     * @param started told of each process started again (the launcher stops it on Ctrl-C)
     * @param ended   told of each process that died and was replaced or given up
     */
    Supervisor(Collection<ServiceProcess> processes, Policy policy, Report report, Consumer<ServiceProcess> started,
               Consumer<ServiceProcess> ended) {
        this.policy = policy;
        this.report = report;
        this.started = started;
        this.ended = ended;
        processes.forEach(p -> children.put(p.name(), new Child(p)));
    }

    /** One look at every child: notes deaths, starts again those whose pause is over. Called about once a second. */
    synchronized void check(long nowNanos) {
        for (Child child : children.values()) {
            if (child.givenUp || child.process.isAlive()) {
                continue;
            }
            if (child.restartAtNanos < 0) {
                noteDeath(child, nowNanos);
            } else if (nowNanos >= child.restartAtNanos) {
                restart(child);
            }
        }
    }

    private void noteDeath(Child child, long nowNanos) {
        child.crashes.addLast(nowNanos);
        while (nowNanos - child.crashes.peekFirst() > policy.window().toNanos()) {
            child.crashes.removeFirst();
        }
        int recent = child.crashes.size();
        if (recent >= policy.maxCrashes()) {
            child.givenUp = true;
            ended.accept(child.process);
            report.gaveUp(child.process, recent, policy.window());
            return;
        }
        Duration pause = policy.backoff(recent);
        child.restartAtNanos = nowNanos + pause.toNanos();
        report.died(child.process, child.process.exitValue(), pause, recent);
    }

    private void restart(Child child) {
        ServiceProcess old = child.process;
        child.restartAtNanos = -1;
        try {
            ServiceProcess fresh = ServiceProcess.start(old.launch(), true);
            ended.accept(old);
            child.process = fresh;
            child.restarts++;
            started.accept(fresh);
            report.restarted(fresh, child.restarts);
        } catch (IOException e) {
            // Counted as one more crash: the next check notes it and pauses longer.
            report.restartFailed(old.name(), e);
        }
    }

    synchronized ServiceProcess current(String name) {
        return children.get(name).process;
    }

    synchronized boolean gaveUp(String name) {
        return children.get(name).givenUp;
    }

    synchronized List<ServiceProcess> running() {
        return children.values().stream().map(c -> c.process).filter(ServiceProcess::isAlive).toList();
    }
}
