package com.telemed.servicekit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real KRaft broker in this JVM set up like the deployments' broker (deploy/compose, deploy/k8s): services on a
 * SASL_PLAINTEXT listener with SCRAM-SHA-512, the administrator on its own listener with PLAIN (a user defined
 * in the broker's JAAS line, so it exists before any SCRAM credential does), the controller and inter-broker
 * listeners plaintext on loopback only, ACLs enforced by the StandardAuthorizer with no access where no ACL allows
 * it. Super users: the administrator and the broker itself (ANONYMOUS, reachable on the loopback listeners only).
 */
final class SaslKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int clientPort;
    private final int adminPort;
    private final String adminPassword;
    private final KafkaRaftServer server;

    SaslKafkaBroker(String adminPassword) throws Exception {
        this.adminPassword = adminPassword;
        this.dir = Files.createTempDirectory("telemed-sasl-kafka");
        this.clientPort = freePort();
        this.adminPort = freePort();
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "CLIENT://localhost:" + clientPort + ",ADMIN://localhost:" + adminPort
                + ",BROKER://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://localhost:" + clientPort + ",ADMIN://localhost:" + adminPort
                + ",BROKER://localhost:" + brokerPort);
        p.put("listener.security.protocol.map",
                "CLIENT:SASL_PLAINTEXT,ADMIN:SASL_PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "BROKER");
        p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.admin.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.admin.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_admin=\"" + adminPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:admin;User:ANONYMOUS");
        p.put("auto.create.topics.enable", "false");
        p.put("log.dirs", dir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        format(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    /** Settings of a client on the services' listener, as service-kit builds them from the environment. */
    Map<String, Object> serviceClient(String username, String password) {
        Map<String, Object> c = new HashMap<>(
                new KafkaClientSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", username, password, false).clientProperties());
        c.put("bootstrap.servers", "localhost:" + clientPort);
        return c;
    }

    /** Settings of the administrator's client, as deploy's kafka-acls.sh writes them. */
    Map<String, Object> adminClient() {
        Map<String, Object> c = new HashMap<>(
                new KafkaClientSecurity("SASL_PLAINTEXT", "PLAIN", "admin", adminPassword, false).clientProperties());
        c.put("bootstrap.servers", "localhost:" + adminPort);
        return c;
    }

    private void format(KafkaConfig config) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(config.nodeId())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setHasDynamicQuorum(false)
                    .run();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
