package com.telemed.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded default: {@code java -jar devstack.jar [repository root]} runs PostgreSQL, Kafka, every service,
 * the gateway and the web on this machine, prints where to find them, and stops everything on Ctrl-C.
 * See deploy/devstack/README.md for the settings.
 */
public final class DevStack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;

    private final Settings settings;
    private final Console console;
    private final EmbeddedDatabase database;
    private final EmbeddedKafka kafka;
    private final List<ServiceProcess> children = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Future<?> databaseStart;
    private boolean stopped;

    private DevStack(Settings settings, Console console) {
        this.settings = settings;
        this.console = console;
        this.database = new EmbeddedDatabase(settings);
        this.kafka = new EmbeddedKafka(settings);
    }

    public static void main(String[] args) {
        Console console = new Console();
        Settings settings;
        try {
            settings = Settings.from(System.getenv(), args);
        } catch (StartupException e) {
            console.fail(e.getMessage());
            System.exit(2);
            return;
        }
        // Read by logback.xml: what PostgreSQL and Kafka log goes to files, not to the console.
        System.setProperty("telemed.devstack.logs", settings.logsDir().toString());
        System.exit(new DevStack(settings, console).run());
    }

    private int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "devstack-stop"));
        StopSignals.exitCleanlyOnInterrupt();
        try {
            Banner.starting(console, settings);
            List<Component> components = selectComponents();
            preflight(components);
            Files.createDirectories(settings.logsDir());
            Files.createDirectories(settings.runDir());
            Files.writeString(pidFile("devstack"), ProcessHandle.current().pid() + "\n");

            List<ClassDataSharing.Layout> layouts = startInfrastructure(components);
            Map<Component, ServiceProcess> started = startComponents(components, layouts);
            StartupMonitor monitor = new StartupMonitor(console, new ReadinessProbe(), settings.readyTimeout(),
                    stopping::get);
            Optional<StartupMonitor.Failure> failure = monitor.awaitReady(started);
            if (stopping.get()) {
                return 0; // Ctrl-C during start-up: the shutdown hook is stopping everything
            }
            if (failure.isPresent()) {
                reportFailure(failure.get().process(), failure.get().reason());
                stopEverything();
                return 1;
            }

            double readySeconds = console.seconds();
            ProcessMemory memory = ProcessMemory.ofPlatform(database.postmasterPid());
            Banner.ready(console, settings, components, skippedNames(), memory);
            if (settings.exitWhenReady()) {
                console.line(String.format(Locale.ROOT, "READY seconds=%.1f rss_mb=%d pss_mb=%d processes=%d",
                        readySeconds, memory.rssMb(), memory.pssMb(), memory.processes()));
            }
            ClassDataTraining training = trainInBackground(layouts);
            if (settings.exitWhenReady()) {
                training.await(); // so that the next start has its archives
                stopEverything();
                return 0;
            }
            if (settings.faultDrills()) {
                faultDrill().watch();
            }
            watchUntilStopped(started);
            return 0;
        } catch (StartupException e) {
            if (!stopping.get()) {
                console.fail(e.getMessage());
            }
            stopEverything();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopEverything();
            return 1;
        } catch (Exception e) {
            if (!stopping.get()) {
                console.fail("start-up failed: " + e);
            }
            stopEverything();
            return 1;
        }
    }

    /** The platform minus what TELEMED_DEVSTACK_SKIP names; everything else must have been built. */
    private List<Component> selectComponents() {
        List<String> known = new ArrayList<>();
        List<Component> selected = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Component c : Component.platform(settings.root(), settings.portOffset())) {
            known.add(c.name());
            if (settings.skipped().contains(c.name())) {
                continue;
            }
            if (!Files.isRegularFile(c.artifact())) {
                missing.add(settings.display(c.artifact()));
            }
            selected.add(c);
        }
        for (String name : settings.skipped()) {
            if (!known.contains(name)) {
                throw new StartupException("TELEMED_DEVSTACK_SKIP names '" + name + "', which is not a component; "
                        + "known: " + String.join(", ", known));
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("not built yet: " + String.join(", ", missing)
                    + ". Run `make build` (or `make dev`, which builds first).");
        }
        return selected;
    }

    private List<String> skippedNames() {
        return Component.platform(settings.root(), settings.portOffset()).stream().map(Component::name)
                .filter(settings.skipped()::contains).toList();
    }

    private void preflight(List<Component> components) {
        readPid(pidFile("devstack")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("devstack"))
                .ifPresent(p -> {
                    throw new StartupException("a devstack is already running (pid " + p.pid() + "). Stop it with "
                            + "Ctrl-C in its terminal, or `make down`.");
                });
        List<String> leftovers = leftoverProcesses();
        if (!leftovers.isEmpty()) {
            throw new StartupException("processes of an earlier devstack are still running (" + String.join(", ",
                    leftovers) + "); it did not stop cleanly. Run `make down`, then try again.");
        }
        Ports.requireFree(settings.dbPort(), "PostgreSQL, TELEMED_DB_PORT");
        Ports.requireFree(settings.kafkaPort(), "Kafka, KAFKA_PORT");
        for (Component c : components) {
            Ports.requireFree(c.port(), c.name());
        }
    }

    /** Children named in .telemed/run/*.pid that are still alive (a launcher killed with -9 leaves them). */
    private List<String> leftoverProcesses() {
        List<String> alive = new ArrayList<>();
        try (var files = Files.newDirectoryStream(settings.runDir(), "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                String signature = name.equals("web") ? "next-server" : name.replaceFirst("-training$", "");
                readPid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> !name.equals("devstack"))
                        .filter(p -> p.info().commandLine().orElse("").contains(signature)
                                || p.info().commandLine().orElse("").contains("server.js"))
                        .ifPresent(p -> alive.add(name + " pid " + p.pid()));
            }
        } catch (IOException e) {
            // no run directory yet
        }
        return alive;
    }

    /** PostgreSQL, Kafka and the preparation of the jars (extracted layout), side by side. */
    private List<ClassDataSharing.Layout> startInfrastructure(List<Component> components) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3, daemonThreads("devstack-start"));
        try {
            Future<?> db = databaseStart = pool.submit(() -> {
                database.start();
                console.ok("postgres ready on localhost:" + settings.dbPort() + " ("
                        + (database.createdNow() ? "new database " : "database ") + settings.dbName() + ", data in "
                        + settings.display(settings.postgresDir()) + ")");
                return null;
            });
            Future<?> broker = pool.submit(() -> {
                kafka.start();
                console.ok("kafka ready on " + kafka.bootstrapServers() + " ("
                        + (kafka.formattedNow() ? "new log in " : "log kept in ")
                        + settings.display(settings.kafkaDir()) + ")");
                return null;
            });
            ChildCommand commands = new ChildCommand(settings, kafka.bootstrapServers());
            ClassDataSharing cds = new ClassDataSharing(settings, commands);
            List<CompletableFuture<ClassDataSharing.Layout>> layouts = components.stream()
                    .filter(Component::isJava)
                    .map(c -> CompletableFuture.supplyAsync(() -> cds.prepare(c), pool))
                    .toList();
            await(db, "PostgreSQL did not start", "postgres.log");
            await(broker, "Kafka did not start", "kafka.log");
            List<ClassDataSharing.Layout> prepared = new ArrayList<>();
            for (CompletableFuture<ClassDataSharing.Layout> layout : layouts) {
                prepared.add(layout.join());
            }
            return prepared;
        } finally {
            pool.shutdown();
        }
    }

    private void await(Future<?> task, String what, String log) throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            throw new StartupException(what + ": " + e.getCause() + " (see "
                    + settings.display(settings.logsDir().resolve(log)) + ")", e.getCause());
        }
    }

    private Map<Component, ServiceProcess> startComponents(List<Component> components,
                                                          List<ClassDataSharing.Layout> layouts) throws IOException {
        ChildCommand commands = new ChildCommand(settings, kafka.bootstrapServers());
        Map<Component, ClassDataSharing.Layout> byComponent = new LinkedHashMap<>();
        layouts.forEach(l -> byComponent.put(l.component(), l));
        Map<Component, ServiceProcess> started = new LinkedHashMap<>();
        for (Component c : components) {
            if (stopping.get()) {
                throw new StartupException("stopping");
            }
            List<String> command;
            Path workingDir;
            if (c.isJava()) {
                ClassDataSharing.Layout layout = byComponent.get(c);
                command = commands.java(layout.jar(), layout.runOptions());
                workingDir = layout.dir();
            } else {
                command = commands.node(c.artifact());
                workingDir = c.artifact().getParent();
            }
            Files.createDirectories(workingDir);
            ServiceProcess p = ServiceProcess.start(c.name(), command, commands.environment(c), workingDir,
                    settings.logsDir().resolve(c.name() + ".log"), pidFile(c.name()));
            children.add(p);
            started.put(c, p);
        }
        long withArchive = layouts.stream().filter(l -> l.archive().isPresent()).count();
        console.note("started " + started.size() + " processes"
                + (withArchive > 0 ? " (" + withArchive + " with class-data sharing)" : "")
                + "; waiting until they are ready");
        return started;
    }

    /** New jars get their class-data archive written now, for the next start (see {@link ClassDataTraining}). */
    private ClassDataTraining trainInBackground(List<ClassDataSharing.Layout> layouts) {
        ChildCommand commands = new ChildCommand(settings, kafka.bootstrapServers());
        ClassDataTraining training = new ClassDataTraining(settings, commands,
                new ClassDataSharing(settings, commands), children::add, children::remove, stopping::get);
        int runs = training.start(layouts);
        if (runs > 0) {
            console.note("writing class-data archives for " + runs + " new build(s) in the background at low "
                    + "priority, for a faster next start");
            Thread report = new Thread(() -> {
                try {
                    int archived = training.await();
                    if (!stopping.get()) {
                        console.ok("class-data archives written for " + archived + " of " + runs + " build(s)"
                                + (archived < runs ? "; see .telemed/run/<name>/training.log" : ""));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "devstack-cds-report");
            report.setDaemon(true);
            report.start();
        }
        return training;
    }

    private void reportFailure(ServiceProcess process, String reason) {
        console.fail(process.name() + " " + reason);
        console.line("    last " + LOG_TAIL_LINES + " lines of " + settings.display(process.log()) + ":");
        for (String line : process.tail(LOG_TAIL_LINES)) {
            console.line("    | " + line);
        }
    }

    /** Broker and database outages on request, for the crash scenarios only (see {@link FaultDrill}). */
    private FaultDrill faultDrill() {
        return new FaultDrill(settings.runDir(), Map.of(
                "kafka", new FaultDrill.Target(() -> {
                    kafka.close();
                    return null;
                }, () -> {
                    kafka.start();
                    return null;
                }),
                "postgres", new FaultDrill.Target(() -> {
                    database.close();
                    return null;
                }, () -> {
                    database.start();
                    return null;
                })), console);
    }

    /** After start-up: a component that dies is started again (see {@link Supervisor}) until Ctrl-C. */
    private void watchUntilStopped(Map<Component, ServiceProcess> started) throws InterruptedException {
        Supervisor supervisor = new Supervisor(started.values(), Supervisor.Policy.DEFAULT, new Supervisor.Report() {
            @Override
            public void died(ServiceProcess process, int exitCode, Duration restartIn, int recentCrashes) {
                if (!stopping.get()) {
                    console.fail(process.name() + " stopped unexpectedly (exit code " + exitCode + "); starting it "
                            + "again in " + restartIn.toMillis() / 1000.0 + " s (crash " + recentCrashes
                            + " this minute)");
                }
            }

            @Override
            public void restarted(ServiceProcess process, int restarts) {
                console.ok(process.name() + " started again (restart " + restarts + ", pid " + process.pid()
                        + "); its log goes on in " + settings.display(process.log()));
            }

            @Override
            public void gaveUp(ServiceProcess process, int recentCrashes, Duration window) {
                reportFailure(process, "stopped " + recentCrashes + " times within " + window.toSeconds()
                        + " s; not starting it again (the rest keeps running; fix it and restart make dev)");
            }

            @Override
            public void restartFailed(String name, IOException error) {
                console.fail(name + " could not be started again: " + error.getMessage());
            }
        }, children::add, children::remove);
        while (!stopping.get()) {
            supervisor.check(System.nanoTime());
            Thread.sleep(500);
        }
    }

    /**
     * Services, gateway and web first (they still have their database and broker while they stop), then Kafka,
     * then PostgreSQL. Runs once, from the shutdown hook (Ctrl-C, SIGTERM) or from the main thread.
     */
    private void stopEverything() {
        stopping.set(true);
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            awaitQuietly(databaseStart); // Ctrl-C during start-up: let PostgreSQL finish starting, then stop it
            List<ServiceProcess> running = List.copyOf(children);
            if (running.isEmpty() && !kafka.isRunning() && !database.isRunning()) {
                return; // nothing was started
            }
            console.line("");
            console.line("Stopping…");
            long begin = System.nanoTime();
            if (!running.isEmpty()) {
                ServiceProcess.stopAll(running, STOP_GRACE);
                console.line("  ✔ " + running.size() + " process(es) stopped (" + since(begin) + ")");
            }
            if (kafka.isRunning()) {
                try {
                    kafka.close();
                    console.line("  ✔ kafka stopped (" + since(begin) + ")");
                } catch (Exception e) {
                    console.fail("kafka did not stop cleanly: " + e);
                }
            }
            if (database.isRunning()) {
                try {
                    database.close();
                    console.line("  ✔ postgres stopped (" + since(begin) + ")");
                } catch (Exception e) {
                    console.fail("postgres did not stop cleanly: " + e);
                }
            }
            try {
                Files.deleteIfExists(pidFile("devstack"));
            } catch (IOException ignored) {
                // best effort
            }
            console.line("Stopped. Data kept in " + settings.display(settings.stateDir()) + "/ (make clean-data "
                    + "deletes it).");
        }
    }

    private static void awaitQuietly(Future<?> task) {
        if (task == null) {
            return;
        }
        try {
            task.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // failed or cancelled: nothing to wait for
        }
    }

    private Path pidFile(String name) {
        return settings.runDir().resolve(name + ".pid");
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String since(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - nanos) / 1e9);
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
