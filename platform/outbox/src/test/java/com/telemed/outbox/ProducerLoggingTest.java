package com.telemed.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

@ExtendWith(OutputCaptureExtension.class)
class ProducerLoggingTest {

    @Test
    void aFailedSendIsLoggedWithItsTopicButNotItsPayload(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                        ProducerLoggingAutoConfiguration.class))
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    ProducerListener<Object, Object> listener = context.getBean(ProducerListener.class);
                    assertThat(context.getBean(KafkaTemplate.class)).isNotNull();

                    listener.onError(new ProducerRecord<>("booking", "42", "{\"email\":\"ana@example.org\"}"), null,
                            new IllegalStateException("broker unreachable"));

                    assertThat(output).contains("booking").contains("broker unreachable")
                            .doesNotContain("ana@example.org");
                });
    }
}
