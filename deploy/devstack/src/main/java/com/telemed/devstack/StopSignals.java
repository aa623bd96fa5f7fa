package com.telemed.devstack;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM are the normal way to stop the devstack, not an error: exit with status 0 (the
 * shutdown hook still stops everything first), so `make dev` does not report a failed recipe.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void exitCleanlyOnInterrupt() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available here: the JVM's default handling still runs the shutdown hook
            }
        }
    }
}
