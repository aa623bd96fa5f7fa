package com.telemed.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL (binaries from Maven, unpacked on first use) whose data directory lives under
 * {@code .telemed/postgres} and is kept between runs. On every start the application role and database are
 * created if missing; each service then creates and migrates its own schema.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final Settings settings;
    private volatile EmbeddedPostgres postgres;
    private boolean created;

    EmbeddedDatabase(Settings settings) {
        this.settings = settings;
    }

    void start() throws IOException, SQLException {
        Path dataDir = settings.postgresDir();
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        Files.createDirectories(dataDir);
        Path log = settings.logsDir().resolve("postgres.log");
        postgres = EmbeddedPostgres.builder()
                .setPort(settings.dbPort())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the launcher stops it last, after the services
                .setLocaleConfig("locale", "C")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", "on") // the data is kept: survive a power cut, not only Ctrl-C
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        created = ensureRoleAndDatabase() || fresh;
    }

    /** True when this start created the database (first run or after {@code make clean-data}). */
    boolean createdNow() {
        return created;
    }

    /** The postmaster's pid (it is not a child of the launcher: pg_ctl detaches it). */
    Optional<Long> postmasterPid() {
        try {
            String first = Files.readAllLines(settings.postgresDir().resolve("postmaster.pid")).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean ensureRoleAndDatabase() throws SQLException {
        boolean createdSomething = false;
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", settings.dbUsername())) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + identifier(settings.dbUsername()) + " LOGIN PASSWORD "
                            + literal(settings.dbPassword()));
                }
                createdSomething = true;
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", settings.dbName())) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + identifier(settings.dbName())
                            + " OWNER " + identifier(settings.dbUsername()) + " ENCODING 'UTF8'");
                }
                createdSomething = true;
            }
        }
        return createdSomething;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() throws IOException {
        EmbeddedPostgres pg = postgres;
        if (pg != null) {
            pg.close(); // pg_ctl stop -m fast
            postgres = null;
        }
    }
}
