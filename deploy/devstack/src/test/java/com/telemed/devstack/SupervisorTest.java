package com.telemed.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against real child processes: a killed child comes back, one that keeps dying is left down. */
class SupervisorTest {

    private static final Supervisor.Policy QUICK = new Supervisor.Policy(3, Duration.ofMinutes(1),
            Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path dir;

    private final List<ServiceProcess> children = new CopyOnWriteArrayList<>();
    private final List<String> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopChildren() {
        ServiceProcess.stopAll(List.copyOf(children), Duration.ofSeconds(2));
    }

    @Test
    void aKilledChildIsStartedAgainWithItsLogKept() throws IOException {
        ServiceProcess first = start("sleeper", "echo started; exec sleep 60");
        Supervisor supervisor = supervisor(first);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(first.log()).contains("started"));
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // kill -9
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            supervisor.check(System.nanoTime());
            return supervisor.current("sleeper").pid() != first.pid() && supervisor.current("sleeper").isAlive();
        });

        ServiceProcess second = supervisor.current("sleeper");
        assertThat(told).containsExactly("died sleeper 1", "restarted sleeper 1");
        assertThat(children).containsExactly(second);
        assertThat(Files.readString(dir.resolve("sleeper.pid")).trim()).isEqualTo(String.valueOf(second.pid()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(second.log()).lines())
                .as("the log of both runs").containsExactly("started", "started"));
        assertThat(supervisor.gaveUp("sleeper")).isFalse();
    }

    @Test
    void aChildThatKeepsDyingIsLeftDownAfterTheLimit() throws IOException {
        Supervisor supervisor = supervisor(start("crasher", "echo failing; exit 3"));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            supervisor.check(System.nanoTime());
            return supervisor.gaveUp("crasher");
        });

        assertThat(told).containsExactly("died crasher 1", "restarted crasher 1", "died crasher 2",
                "restarted crasher 2", "gave up crasher 3");
        assertThat(children).isEmpty();
        long before = supervisor.current("crasher").pid();
        supervisor.check(System.nanoTime() + Duration.ofMinutes(5).toNanos());
        assertThat(supervisor.current("crasher").pid()).as("never started again").isEqualTo(before);
    }

    @Test
    void thePauseDoublesWithEachCrashUpToItsLimit() {
        assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(Supervisor.Policy.DEFAULT::backoff).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(16));
    }

    private ServiceProcess start(String name, String script) throws IOException {
        ServiceProcess p = ServiceProcess.start(new ServiceProcess.Launch(name, List.of("sh", "-c", script),
                Map.of(), dir, dir.resolve(name + ".log"), dir.resolve(name + ".pid")), false);
        children.add(p);
        return p;
    }

    private Supervisor supervisor(ServiceProcess... processes) {
        return new Supervisor(new ArrayList<>(List.of(processes)), QUICK, new Supervisor.Report() {
            @Override
            public void died(ServiceProcess process, int exitCode, Duration restartIn, int recentCrashes) {
                told.add("died " + process.name() + " " + recentCrashes);
            }

            @Override
            public void restarted(ServiceProcess process, int restarts) {
                told.add("restarted " + process.name() + " " + restarts);
            }

            @Override
            public void gaveUp(ServiceProcess process, int recentCrashes, Duration window) {
                told.add("gave up " + process.name() + " " + recentCrashes);
            }

            @Override
            public void restartFailed(String name, IOException error) {
                told.add("failed " + name);
            }
        }, children::add, children::remove);
    }
}
