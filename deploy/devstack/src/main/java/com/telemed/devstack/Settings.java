package com.telemed.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the launcher can be told, read once from the environment. The repository root is the working
 * directory unless given as the first argument; all state lives under {@code <root>/.telemed}.
 */
record Settings(
        Path root,
        int dbPort,
        String dbName,
        String dbUsername,
        String dbPassword,
        int kafkaPort,
        Duration readyTimeout,
        boolean exitWhenReady,
        boolean classDataSharing,
        Set<String> skipped,
        String extraJavaOptions,
        int portOffset,
        Path stateDir,
        boolean faultDrills) {

    static Settings from(Map<String, String> env, String[] args) {
        Path root = (args.length > 0 ? Path.of(args[0]) : Path.of("")).toAbsolutePath().normalize();
        // One number moves every port, so a second stack (a browser test, a benchmark) can run beside `make dev`.
        int offset = intValue(env, "TELEMED_DEVSTACK_PORT_OFFSET", 0);
        String state = env.getOrDefault("TELEMED_DEVSTACK_STATE_DIR", "").trim();
        return new Settings(
                root,
                intValue(env, "TELEMED_DB_PORT", 5432 + offset),
                env.getOrDefault("TELEMED_DB_NAME", "telemed"),
                env.getOrDefault("TELEMED_DB_USERNAME", "telemed"),
                env.getOrDefault("TELEMED_DB_PASSWORD", "telemed"),
                intValue(env, "KAFKA_PORT", 9092 + offset),
                Duration.ofSeconds(intValue(env, "TELEMED_DEVSTACK_TIMEOUT", 180)),
                flag(env, "TELEMED_DEVSTACK_EXIT_WHEN_READY", false),
                flag(env, "TELEMED_DEVSTACK_CDS", true),
                Arrays.stream(env.getOrDefault("TELEMED_DEVSTACK_SKIP", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                env.getOrDefault("TELEMED_DEVSTACK_JAVA_OPTS", "").trim(),
                offset,
                state.isEmpty() ? root.resolve(".telemed") : Path.of(state).toAbsolutePath().normalize(),
                flag(env, "TELEMED_DEVSTACK_FAULTS", false));
    }

    int gatewayPort() {
        return 8080 + portOffset;
    }

    Path postgresDir() {
        return stateDir().resolve("postgres");
    }

    Path kafkaDir() {
        return stateDir().resolve("kafka");
    }

    Path logsDir() {
        return stateDir().resolve("logs");
    }

    Path runDir() {
        return stateDir().resolve("run");
    }

    /** A path as the user should read it: relative to the repository root when inside it. */
    String display(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a number, got '" + value + "'");
        }
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new StartupException(name + " must be true or false, got '" + value + "'");
        };
    }
}
