package com.telemed.devstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller combined) running inside the launcher's
 * JVM. Its log directory {@code .telemed/kafka} is formatted once and kept, so topics, messages and consumer
 * offsets survive a restart. The controller listener takes a free loopback port on every start (the quorum is
 * static, so the port is not part of the stored metadata).
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Settings settings;
    private volatile KafkaRaftServer server;
    private boolean formattedNow;

    EmbeddedKafka(Settings settings) {
        this.settings = settings;
    }

    void start() throws Exception {
        Path logDir = settings.kafkaDir();
        Files.createDirectories(logDir);
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDir, Ports.ephemeral()), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
            formattedNow = true;
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        server = raftServer;
        raftServer.startup(); // returns once the broker is unfenced and serving
    }

    /** True when this start formatted an empty log directory (first run or after {@code make clean-data}). */
    boolean formattedNow() {
        return formattedNow;
    }

    String bootstrapServers() {
        return "localhost:" + settings.kafkaPort();
    }

    private Properties brokerProperties(Path logDir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + settings.kafkaPort()
                + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + settings.kafkaPort());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small footprint for a laptop: few threads, small segments, a week of data.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.retention.hours", "168");
        return p;
    }

    private static void format(KafkaConfig config, Path logDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(config.nodeId())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setHasDynamicQuorum(false)
                    .setIgnoreFormatted(true)
                    .run();
        }
    }

    boolean isRunning() {
        return server != null;
    }

    /**
     * Controlled shutdown, bounded: the broker lives in this JVM, so if it does not finish in time (say it was
     * stopped half-way through starting) the JVM's exit ends it anyway.
     */
    @Override
    public void close() throws InterruptedException, TimeoutException {
        KafkaRaftServer s = server;
        if (s == null) {
            return;
        }
        Thread stopper = new Thread(() -> {
            s.shutdown();
            s.awaitShutdown();
        }, "devstack-kafka-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(STOP_TIMEOUT.toMillis());
        server = null;
        if (stopper.isAlive()) {
            throw new TimeoutException("still stopping after " + STOP_TIMEOUT.toSeconds()
                    + " s; the JVM's exit ends it");
        }
    }
}
