package com.telemed.servicekit.kafka;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Applies {@link KafkaClientSecurity} to Spring Boot's Kafka settings, which build every producer, consumer and
 * admin client of the service (the outbox relay, the inbox listeners, dead letters, topic declaration, health).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaProperties.class)
public class KafkaSecurityAutoConfiguration {

    @Bean
    static BeanPostProcessor kafkaClientSecurityApplier() {
        return new Applier();
    }

    /** Runs after the properties are bound, before any client factory reads them. */
    static final class Applier implements BeanPostProcessor, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof KafkaProperties kafka) {
                KafkaClientSecurity security = KafkaClientSecurity.from(environment);
                kafka.getSecurity().setProtocol(security.protocol());
                security.clientProperties().forEach((key, value) -> {
                    if (!key.equals("security.protocol")) {
                        kafka.getProperties().put(key, value);
                    }
                });
            }
            return bean;
        }
    }
}
