package com.telemed.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.telemed.events.Topics;

/**
 * The deployments' Kafka principals and ACLs on a real broker: the table of deploy/k8s/base/kafka/kafka-acls.sh is
 * applied as that script applies it (SCRAM users and ACLs created by the administrator), and services connect with
 * the settings service-kit builds from KAFKA_* variables. A service writes only its own topics — a forged
 * {@code payment.confirmed} from another service is refused — reads only what it consumes, joins only its own
 * consumer groups, and a wrong password gets nowhere.
 */
class KafkaAclsIT {

    private static final Path SCRIPT = repositoryFile("deploy/k8s/base/kafka/kafka-acls.sh");
    private static final String FORGED = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"type\":\"payment.confirmed\","
            + "\"version\":1,\"source\":\"payment-service\",\"data\":{\"consultation_id\":\"c-1\"}}";

    private static SaslKafkaBroker broker;
    private static final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void brokerWithTheDeploymentsAcls() throws Exception {
        broker = new SaslKafkaBroker("admin-" + UUID.randomUUID());
        List<String> users = script("users");
        try (Admin admin = Admin.create(broker.adminClient())) {
            admin.createTopics(script("topics").stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            var upserts = users.stream().map(user -> {
                passwords.put(user, user + "-" + UUID.randomUUID());
                return (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                        user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwords.get(user));
            }).toList();
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(script("bindings").stream().map(KafkaAclsIT::binding).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theTableCoversEveryPlatformTopicAndItsDeadLetters() throws Exception {
        List<String> expected = new ArrayList<>();
        Topics.ALL.forEach(t -> {
            expected.add(t);
            expected.add(Topics.deadLetterOf(t));
        });
        assertThat(script("topics")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(script("users")).containsExactlyInAnyOrder("auth-service", "booking-service", "payment-service",
                "video-service", "clinical-service", "notification-service", "pdf-service");
    }

    @Test
    void aForgedPaymentConfirmedFromAnotherServiceIsRefused() {
        for (String forger : List.of("notification-service", "booking-service")) {
            assertThatThrownBy(() -> send(forger, Topics.PAYMENTS, FORGED))
                    .as(forger).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void paymentServiceWritesPaymentsAndBookingReadsThem() throws Exception {
        String event = FORGED.replace("c-1", "c-" + UUID.randomUUID());
        send("payment-service", Topics.PAYMENTS, event);

        assertThat(readAll("booking-service", "booking-service.payments", Topics.PAYMENTS))
                .extracting(ConsumerRecord::value).contains(event);
    }

    @Test
    void aServiceCannotReadATopicItDoesNotConsume() {
        assertThatThrownBy(() -> readAll("video-service", "video-service.consultations", Topics.PAYMENTS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readAll("clinical-service", "clinical-service.care", Topics.USERS))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aServiceCannotUseAnotherServicesConsumerGroup() {
        // notification-service may read payments, but not as booking-service (it would take its partitions).
        assertThatThrownBy(() -> readAll("notification-service", "booking-service.payments", Topics.PAYMENTS))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void aConsumerDeadLettersWhatItConsumesButNoOtherDeadLetterTopic() throws Exception {
        send("booking-service", Topics.deadLetterOf(Topics.PAYMENTS), "unreadable");
        assertThatThrownBy(() -> send("booking-service", Topics.deadLetterOf(Topics.CLINICAL), "x"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void everyServiceSeesTheClusterAndThePlatformTopicsItDeclaresAtStartUp() throws Exception {
        for (String service : script("users")) {
            try (Admin admin = Admin.create(broker.serviceClient(service, passwords.get(service)))) {
                // The readiness check (KafkaHealthIndicator) and the topic declaration (KafkaAdmin) of every service.
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).as(service).hasSize(1);
                assertThat(admin.describeTopics(script("topics")).allTopicNames().get(30, TimeUnit.SECONDS))
                        .as(service).hasSize(Topics.ALL.size() * 2);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = producerConfig(broker.serviceClient("payment-service", "not-the-password"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.PAYMENTS, "c-1", FORGED))
                    .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** Sends as {@code service} with the outbox relay's producer settings (idempotent, acks=all). */
    private static RecordMetadata send(String service, String topic, String value) throws Exception {
        Map<String, Object> config = producerConfig(broker.serviceClient(service, passwords.get(service)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(topic, "c-1", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> producerConfig(Map<String, Object> client) {
        Map<String, Object> c = new HashMap<>(client);
        c.put("key.serializer", StringSerializer.class);
        c.put("value.serializer", StringSerializer.class);
        c.put("acks", "all");
        c.put("enable.idempotence", "true");
        c.put("max.block.ms", "10000");
        c.put("delivery.timeout.ms", "15000");
        c.put("request.timeout.ms", "5000");
        return c;
    }

    /** Reads {@code topic} from the start as {@code service} in consumer group {@code group}, until it is quiet. */
    private static List<ConsumerRecord<String, String>> readAll(String service, String group, String topic) {
        Map<String, Object> c = new HashMap<>(broker.serviceClient(service, passwords.get(service)));
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class);
        c.put("value.deserializer", StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(records::add);
                if (!records.isEmpty() && batch.isEmpty()) {
                    break;
                }
            }
        }
        return records;
    }

    /** One line of {@code kafka-acls.sh bindings}: principal, resource type, pattern type, name, operation. */
    private static AclBinding binding(String line) {
        String[] f = line.split(" ");
        ResourceType type = ResourceType.fromString(f[1].toUpperCase(Locale.ROOT));
        PatternType pattern = PatternType.fromString(f[2]);
        AclOperation operation = AclOperation.fromString(f[4].toUpperCase(Locale.ROOT));
        assertThat(List.of(type, pattern, operation)).as(line).doesNotContain(ResourceType.UNKNOWN,
                PatternType.UNKNOWN, AclOperation.UNKNOWN);
        return new AclBinding(new ResourcePattern(type, f[3], pattern),
                new AccessControlEntry(f[0], "*", operation, AclPermissionType.ALLOW));
    }

    private static List<String> script(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above the working directory");
    }
}
