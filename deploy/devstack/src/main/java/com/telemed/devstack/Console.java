package com.telemed.devstack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the person at the keyboard sees: one line at a time, with the time since the launcher started. */
final class Console {

    private final PrintStream out =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private final long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

    synchronized void line(String text) {
        out.println(text);
    }

    void ok(String text) {
        line("  ✔ " + text + " (" + elapsed() + ")");
    }

    void fail(String text) {
        line("  ✘ " + text);
    }

    void note(String text) {
        line("  … " + text);
    }

    /** Seconds since the launcher's JVM started. */
    double seconds() {
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }

    String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", seconds());
    }
}
