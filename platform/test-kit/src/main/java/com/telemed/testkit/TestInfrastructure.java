package com.telemed.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL and a real Kafka broker for the whole test JVM, started on first use and shared by every
 * test in it. With a Docker engine they are Testcontainers; without one (or with
 * {@code TELEMED_TEST_INFRA=embedded}) an embedded PostgreSQL (real server binaries) and an in-JVM Kafka
 * KRaft broker (real Kafka).
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static volatile TestInfrastructure instance;

    private final String dbHost;
    private final int dbPort;
    private final String dbName;
    private final String dbUser;
    private final String dbPassword;
    private final String kafkaBootstrap;
    private final Runnable stopKafka;

    private TestInfrastructure(String dbHost, int dbPort, String dbName, String dbUser, String dbPassword,
            String kafkaBootstrap, Runnable stopKafka) {
        this.dbHost = dbHost;
        this.dbPort = dbPort;
        this.dbName = dbName;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.kafkaBootstrap = kafkaBootstrap;
        this.stopKafka = stopKafka;
    }

    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = dockerWanted() ? withContainers() : embedded();
                    instance = current;
                }
            }
        }
        return current;
    }

    private static boolean dockerWanted() {
        String mode = System.getenv().getOrDefault("TELEMED_TEST_INFRA", "auto");
        if (mode.equals("embedded")) {
            return false;
        }
        boolean socket = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        return (mode.equals("containers") || socket) && DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource")
    private static TestInfrastructure withContainers() {
        log.info("Test infrastructure: Testcontainers (PostgreSQL 16, Kafka)");
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:16-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.8.0");
        pg.start();
        kafka.start();
        return new TestInfrastructure(pg.getHost(), pg.getFirstMappedPort(), pg.getDatabaseName(), pg.getUsername(),
                pg.getPassword(), kafka.getBootstrapServers(), kafka::stop);
    }

    private static TestInfrastructure embedded() {
        log.info("Test infrastructure: embedded PostgreSQL and in-JVM Kafka KRaft broker");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.brokerProperty("auto.create.topics.enable", "true");
            kafka.afterPropertiesSet();
            TestInfrastructure infra = new TestInfrastructure("localhost", pg.getPort(), "postgres", "postgres",
                    "postgres", kafka.getBrokersAsString(), kafka::destroy);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                infra.stopKafka.run();
                try {
                    pg.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "test-infrastructure-stop"));
            return infra;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** Stops the broker, for tests of what happens while Kafka is away (it cannot be restarted). */
    public void stopKafka() {
        stopKafka.run();
    }

    public String dbHost() {
        return dbHost;
    }

    public int dbPort() {
        return dbPort;
    }

    public String dbName() {
        return dbName;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName;
    }

    public String r2dbcUrl(String schema) {
        return "r2dbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName + "?schema=" + schema;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }
}
