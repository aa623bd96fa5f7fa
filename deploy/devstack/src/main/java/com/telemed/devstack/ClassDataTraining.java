package com.telemed.devstack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Writes the class-data archives of new jars in the background once the platform is ready, so the first start
 * is not delayed and the next one is faster. A training run refreshes the Spring context and exits before it
 * binds its port ({@code -Dspring.context.exit=onRefresh}), so it runs beside the live service. At most two
 * runs at a time, at the lowest CPU priority.
 */
final class ClassDataTraining {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Settings settings;
    private final ChildCommand commands;
    private final ClassDataSharing cds;
    private final Consumer<ServiceProcess> register;
    private final Consumer<ServiceProcess> unregister;
    private final BooleanSupplier stopping;
    private final int parallelism = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private final AtomicInteger archived = new AtomicInteger();
    private ExecutorService pool;

    ClassDataTraining(Settings settings, ChildCommand commands, ClassDataSharing cds,
                      Consumer<ServiceProcess> register, Consumer<ServiceProcess> unregister,
                      BooleanSupplier stopping) {
        this.settings = settings;
        this.commands = commands;
        this.cds = cds;
        this.register = register;
        this.unregister = unregister;
        this.stopping = stopping;
    }

    /** Starts the runs; returns how many were started. */
    int start(List<ClassDataSharing.Layout> layouts) {
        List<ClassDataSharing.Layout> trainable = layouts.stream().filter(ClassDataSharing.Layout::trainable).toList();
        if (trainable.isEmpty()) {
            return 0;
        }
        pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread t = new Thread(runnable, "devstack-cds-training");
            t.setDaemon(true);
            return t;
        });
        for (ClassDataSharing.Layout layout : trainable) {
            pool.execute(() -> train(layout));
        }
        pool.shutdown();
        return trainable.size();
    }

    /** Waits for all runs; returns how many archives were written. */
    int await() throws InterruptedException {
        if (pool != null) {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        return archived.get();
    }

    private void train(ClassDataSharing.Layout layout) {
        if (stopping.getAsBoolean()) {
            return;
        }
        String name = layout.component().name();
        List<String> command = new ArrayList<>();
        ChildCommand.onPath("nice").ifPresent(nice -> command.addAll(List.of(nice.toString(), "-n", "19")));
        command.addAll(commands.java(layout.jar(), layout.trainingOptions()));
        ServiceProcess run;
        try {
            String runName = name + ServiceProcess.TRAINING_SUFFIX;
            run = ServiceProcess.start(runName, command, commands.environment(layout.component()), layout.dir(),
                    layout.dir().resolve("training.log"), settings.runDir().resolve(runName + ".pid"));
        } catch (IOException e) {
            return;
        }
        register.accept(run);
        try {
            if (stopping.getAsBoolean()) {
                run.requestStop(); // Ctrl-C came while it was starting
            }
            boolean ended = run.awaitExit(TIMEOUT);
            if (!ended) {
                run.requestStop();
            }
            run.forceStop();
            // Stopped by Ctrl-C or too slow (a busy machine): try again next start. Failed on its own: do not.
            boolean retryLater = !ended || stopping.getAsBoolean();
            if (cds.finishTraining(layout, ended ? run.exitValue() : -1, retryLater)) {
                archived.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unregister.accept(run);
        }
    }
}
