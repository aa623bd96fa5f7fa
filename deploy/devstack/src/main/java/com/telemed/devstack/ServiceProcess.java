package com.telemed.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process (a service, the gateway, the web, or a class-data training run) with its output in a log
 * file and its pid in {@code .telemed/run/<name>.pid}, so {@code make down} can find it after a crash.
 */
final class ServiceProcess {

    static final String TRAINING_SUFFIX = "-training";

    /** How to start a child, kept so that a supervisor can start it again the same way. */
    record Launch(String name, List<String> command, Map<String, String> environment, Path workingDir, Path log,
                  Path pidFile) {
        Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private final Launch launch;
    private final String name;
    private final Path log;
    private final Path pidFile;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private volatile List<ProcessHandle> descendantsAtStop = List.of();

    private ServiceProcess(Launch launch, Process process) {
        this.launch = launch;
        this.name = launch.name();
        this.log = launch.log();
        this.pidFile = launch.pidFile();
        this.process = process;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment,
                                Path workingDir, Path log, Path pidFile) throws IOException {
        return start(new Launch(name, command, environment, workingDir, log, pidFile), false);
    }

    /** Starts the child; a restart appends to the log so that the crash before it stays readable. */
    static ServiceProcess start(Launch launch, boolean appendToLog) throws IOException {
        Files.createDirectories(launch.log().getParent());
        Files.createDirectories(launch.pidFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.workingDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(launch.log().toFile())
                        : ProcessBuilder.Redirect.to(launch.log().toFile()));
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        process.getOutputStream().close(); // no input
        Files.writeString(launch.pidFile(), process.pid() + "\n");
        return new ServiceProcess(launch, process);
    }

    Launch launch() {
        return launch;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Waits for the process to end on its own; true if it did within the timeout. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks politely (SIGTERM) — the process and anything it started. A class-data training run is killed
     * outright: its result would be thrown away, and on SIGTERM it would first spend seconds writing it.
     */
    void requestStop() {
        if (name.endsWith(TRAINING_SUFFIX)) {
            forceStop();
        } else if (process.isAlive()) {
            descendantsAtStop = process.descendants().toList();
            process.destroy();
            descendantsAtStop.forEach(ProcessHandle::destroy);
        }
    }

    /** Kills (SIGKILL) whatever is left of the process and its descendants, then forgets the pid file. */
    void forceStop() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        descendantsAtStop.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Stops all of them together: SIGTERM to each, up to {@code grace} for all to end, then SIGKILL. */
    static void stopAll(List<ServiceProcess> processes, Duration grace) {
        processes.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ServiceProcess p : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                p.awaitExit(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processes.forEach(ServiceProcess::forceStop);
    }

    /** The last {@code lines} lines of the log. */
    List<String> tail(int lines) {
        Deque<String> last = new ArrayDeque<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024); // enough for 30 lines of a Spring log
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            for (int i = (from > 0 ? 1 : 0); i < all.length; i++) { // the first may be a partial line
                last.addLast(all[i]);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            last.add("(could not read " + log + ": " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }
}
