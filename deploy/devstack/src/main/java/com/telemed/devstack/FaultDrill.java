package com.telemed.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Outage drills for the crash scenarios (web/e2e/chaos): the broker or the database stopped for a while and started
 * again, as an operator or a failing host would do it. Off unless {@code TELEMED_DEVSTACK_FAULTS=true}, which only
 * the test launcher sets. A drill is asked for by writing the number of seconds into
 * {@code run/faults/<kafka|postgres>.stop}; the launcher then writes {@code <name>.down} when it has stopped it
 * and {@code <name>.up} when it is serving again.
 */
final class FaultDrill {

    /** How to stop and start one piece of infrastructure the launcher owns. */
    record Target(Callable<Void> stop, Callable<Void> start) {
    }

    private static final long POLL_MILLIS = 250;

    private final Path dir;
    private final Map<String, Target> targets;
    private final Console console;

    FaultDrill(Path runDir, Map<String, Target> targets, Console console) {
        this.dir = runDir.resolve("faults");
        this.targets = Map.copyOf(targets);
        this.console = console;
    }

    /** Watches for drill requests on a daemon thread until the JVM ends. */
    void watch() throws IOException {
        Files.createDirectories(dir);
        Thread watcher = new Thread(this::loop, "devstack-fault-drill");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            targets.forEach((name, target) -> {
                Path request = dir.resolve(name + ".stop");
                if (Files.exists(request)) {
                    run(name, target, request);
                }
            });
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(String name, Target target, Path request) {
        try {
            Duration outage = Duration.ofSeconds(Long.parseLong(Files.readString(request).trim()));
            Files.delete(request);
            Files.deleteIfExists(dir.resolve(name + ".up"));
            console.fail("drill: stopping " + name + " for " + outage.toSeconds() + " s");
            target.stop().call();
            Files.writeString(dir.resolve(name + ".down"), System.currentTimeMillis() + "\n");
            Thread.sleep(outage.toMillis());
            target.start().call();
            Files.delete(dir.resolve(name + ".down"));
            Files.writeString(dir.resolve(name + ".up"), System.currentTimeMillis() + "\n");
            console.ok("drill: " + name + " serving again");
        } catch (Exception e) {
            console.fail("drill on " + name + " failed: " + e);
            try {
                Files.writeString(dir.resolve(name + ".failed"), e + "\n");
            } catch (IOException ignored) {
                // the scenario times out waiting for .up and reports the drill as failed
            }
        }
    }
}
