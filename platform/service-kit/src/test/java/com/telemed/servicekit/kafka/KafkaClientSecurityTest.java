package com.telemed.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.mock.env.MockEnvironment;

class KafkaClientSecurityTest {

    private static final String PASSWORD = "p\"a\\ss ${not.a.placeholder}";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaSecurityAutoConfiguration.class, KafkaAutoConfiguration.class));

    @Test
    void everyClientOfTheServiceAuthenticatesWithTheSameCredentials() {
        context.withSystemProperties("KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT", "KAFKA_USERNAME=booking-service",
                        "KAFKA_PASSWORD=" + PASSWORD)
                .run(ctx -> {
                    Map<String, Object> producer = ctx.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
                    Map<String, Object> consumer = ctx.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties();
                    Map<String, Object> admin = ctx.getBean(KafkaAdmin.class).getConfigurationProperties();
                    for (Map<String, Object> client : java.util.List.of(producer, consumer, admin)) {
                        assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
                                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
                        assertJaasCarries(String.valueOf(client.get("sasl.jaas.config")), "booking-service", PASSWORD);
                    }
                });
    }

    @Test
    void plaintextByDefaultWithNoSaslSettings() {
        context.run(ctx -> assertThat(ctx.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties())
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config"));
    }

    @Test
    void thePasswordNeverShowsInTheDescription() {
        KafkaClientSecurity security = KafkaClientSecurity.from(new MockEnvironment()
                .withProperty("KAFKA_SECURITY_PROTOCOL", "sasl_ssl").withProperty("KAFKA_USERNAME", "u")
                .withProperty("KAFKA_PASSWORD", "very-secret"));

        assertThat(security.protocol()).isEqualTo("SASL_SSL");
        assertThat(security.toString()).doesNotContain("very-secret").contains("<hidden>");
        assertThat(security.problems()).isEmpty();
    }

    @Test
    void anUnknownProtocolIsAProblem() {
        assertThat(new KafkaClientSecurity("SASL_TLS", null, "u", "p", false).problems())
                .singleElement().asString().contains("KAFKA_SECURITY_PROTOCOL=SASL_TLS");
    }

    /** Parses the line as Kafka does: the quoting must survive any character in the password. */
    private static void assertJaasCarries(String jaas, String username, String password) {
        var entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
            Map<String, ?> options = entry.getOptions();
            assertThat(options.get("username")).isEqualTo(username);
            assertThat(options.get("password")).isEqualTo(password);
        });
    }
}
