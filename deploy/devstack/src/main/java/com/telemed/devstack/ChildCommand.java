package com.telemed.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command lines and environments of the child processes. Java children get laptop-sized JVM flags; every
 * child runs in its own session ({@code setsid}) so Ctrl-C reaches only the launcher, which then stops them in
 * order (services first, then Kafka, then PostgreSQL).
 */
final class ChildCommand {

    /** Small heap, serial GC, C1 only: right for many JVMs on a laptop, wrong for production or benchmarks. */
    static final List<String> LEAN_JVM = List.of(
            "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=160m");

    static final String DEFAULT_REGISTRATION_TOKEN = "dev-registration-token";
    static final String DEFAULT_STRIPE_WEBHOOK_SECRET = "whsec_telemed_dev";

    private final Settings settings;
    private final String kafkaBootstrap;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Optional<Path> setsid = onPath("setsid");

    ChildCommand(Settings settings, String kafkaBootstrap) {
        this.settings = settings;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /** {@code java <lean flags> <extra> -jar <jar>}, in its own session. */
    List<String> java(Path jar, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(s -> command.add(s.toString()));
        command.add(java.toString());
        command.addAll(LEAN_JVM);
        command.addAll(extraJvmOptions);
        if (!settings.extraJavaOptions().isEmpty()) {
            command.addAll(List.of(settings.extraJavaOptions().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** {@code java -Djarmode=tools -jar <jar> extract --destination <dir>} (Spring Boot's extracted layout). */
    List<String> extract(Path jar, Path destination) {
        return List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", destination.toString());
    }

    List<String> node(Path serverJs) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(s -> command.add(s.toString()));
        command.add(onPath("node").orElseThrow(() ->
                new StartupException("`node` is not on the PATH; the web needs Node.js 20.9 or newer "
                        + "(or skip it with TELEMED_DEVSTACK_SKIP=web)")).toString());
        command.add(serverJs.toString());
        return command;
    }

    /**
     * The environment added to the launcher's own (which is inherited, so any STRIPE_*, SENDGRID_* or JITSI_*
     * variable set for the launcher reaches the services unchanged).
     */
    Map<String, String> environment(Component component) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(component.port()));
        // Every process listens on this machine only unless TELEMED_BIND_ADDRESS says otherwise (e.g. 0.0.0.0 to
        // try the platform from a phone on the same network); management is on the port + 1000, same address.
        String bind = orDefault("TELEMED_BIND_ADDRESS", "127.0.0.1");
        if (component.kind() == Component.Kind.WEB) {
            env.put("HOSTNAME", bind);
            env.put("NEXT_TELEMETRY_DISABLED", "1");
            return env;
        }
        env.put("MANAGEMENT_PORT", String.valueOf(component.managementPort()));
        env.put("SERVER_ADDRESS", bind);
        env.put("MANAGEMENT_SERVER_ADDRESS", bind);
        env.put("TELEMED_DB_HOST", "localhost");
        env.put("TELEMED_DB_PORT", String.valueOf(settings.dbPort()));
        env.put("TELEMED_DB_NAME", settings.dbName());
        env.put("TELEMED_DB_USERNAME", settings.dbUsername());
        env.put("TELEMED_DB_PASSWORD", settings.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("REGISTRATION_TOKEN", registrationToken());
        env.put("STRIPE_WEBHOOK_SECRET", stripeWebhookSecret());
        env.put("TELEMED_LOCAL_MODE", orDefault("TELEMED_LOCAL_MODE", "true"));
        // Links in emails point at this stack's gateway.
        String publicUrl = orDefault("TELEMED_PUBLIC_URL", "http://localhost:" + settings.gatewayPort());
        env.put("TELEMED_PUBLIC_URL", publicUrl);
        // Checkout return pages: the stack is reached as localhost or 127.0.0.1 alike.
        env.put("TELEMED_PAYMENTS_ALLOWED_ORIGINS", orDefault("TELEMED_PAYMENTS_ALLOWED_ORIGINS", publicUrl
                + ",http://localhost:" + settings.gatewayPort() + ",http://127.0.0.1:" + settings.gatewayPort()));
        // Where the others are: the gateway routes by these, services call each other and fetch the JWKS.
        for (Component other : Component.platform(settings.root(), settings.portOffset())) {
            env.put(other.uriVariable(), other.baseUrl());
        }
        String jwks = "http://localhost:" + (8081 + settings.portOffset()) + "/api/v1/auth/.well-known/jwks.json";
        env.put("AUTH_JWKS_URI", jwks);
        env.put("TELEMED_SECURITY_JWKS_URI", jwks);
        if (component.name().equals("auth-service") && blank(System.getenv("TELEMED_AUTH_JWT_PRIVATE_KEY"))) {
            env.put("TELEMED_AUTH_JWT_PRIVATE_KEY", JwtSigningKey.pem(settings.stateDir().resolve("auth")));
        }
        return env;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String registrationToken() {
        return orDefault("REGISTRATION_TOKEN", DEFAULT_REGISTRATION_TOKEN);
    }

    static String stripeWebhookSecret() {
        return orDefault("STRIPE_WEBHOOK_SECRET", DEFAULT_STRIPE_WEBHOOK_SECRET);
    }

    private static String orDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
