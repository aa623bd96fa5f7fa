package com.telemed.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.telemed.testkit.ProductionStart;

/** A real start outside local mode on a plaintext broker stops before any bean exists, naming the way out. */
class KafkaProductionStartTest {

    @SpringBootApplication
    static class AnyService {
    }

    @Test
    void aPlaintextBrokerStopsAProductionStart() {
        assertThatThrownBy(() -> ProductionStart.start(AnyService.class, "--KAFKA_SECURITY_PROTOCOL=PLAINTEXT"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start outside local mode")
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL=PLAINTEXT connects to Kafka without authentication")
                .hasMessageContaining("TELEMED_KAFKA_ALLOW_PLAINTEXT=true");
    }

    @Test
    void saslWithoutAPasswordStopsAProductionStart() {
        assertThatThrownBy(() -> ProductionStart.start(AnyService.class, "--KAFKA_SECURITY_PROTOCOL=SASL_SSL",
                "--KAFKA_USERNAME=booking-service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_USERNAME and KAFKA_PASSWORD");
    }
}
