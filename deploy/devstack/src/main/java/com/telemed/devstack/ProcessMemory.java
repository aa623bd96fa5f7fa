package com.telemed.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Memory of the running platform read from /proc: the launcher JVM (which hosts Kafka), its descendants (the
 * services, the gateway, the web) and PostgreSQL (detached by pg_ctl, so found through its pid file).
 * RSS counts shared pages once per process; PSS shares them out, so its total is the fairer figure.
 */
record ProcessMemory(int processes, long rssKb, long pssKb) {

    static ProcessMemory ofPlatform(Optional<Long> postmasterPid) {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle self = ProcessHandle.current();
        pids.add(self.pid());
        self.descendants().forEach(p -> pids.add(p.pid()));
        postmasterPid.flatMap(ProcessHandle::of).ifPresent(pg -> {
            pids.add(pg.pid());
            pg.descendants().forEach(p -> pids.add(p.pid()));
        });
        return of(pids);
    }

    static ProcessMemory of(Collection<Long> pids) {
        long rss = 0;
        long pss = 0;
        int counted = 0;
        for (long pid : pids) {
            long r = field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:");
            if (r < 0) {
                continue; // gone, or not Linux
            }
            counted++;
            rss += r;
            long p = field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:");
            pss += p >= 0 ? p : r;
        }
        return new ProcessMemory(counted, rss, pss);
    }

    long rssMb() {
        return Math.round(rssKb / 1024.0);
    }

    long pssMb() {
        return Math.round(pssKb / 1024.0);
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable
        }
        return -1;
    }
}
