package com.telemed.notification.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.telemed.notification.NotificationProperties;
import com.telemed.notification.delivery.DeliverySignal;
import com.telemed.notification.delivery.DeliveryWorker;
import com.telemed.notification.delivery.MailSender;
import com.telemed.notification.delivery.MailboxSender;
import com.telemed.notification.delivery.SendGridSender;
import com.telemed.notification.message.MessageStore;
import com.telemed.servicekit.crypto.BlindIndex;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires key material, the mail provider (SendGrid with a key, the dev mailbox without) and the worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    FieldCipher piiCipher(CryptoKeys keys) {
        return keys.cipher(CryptoKeys.PII_KEYS);
    }

    @Bean
    BlindIndex recipientIndex(CryptoKeys keys) {
        return keys.blindIndex(CryptoKeys.BLIND_INDEX_KEY);
    }

    @Bean
    MailSender mailSender(NotificationProperties properties) {
        if (properties.sendgrid().enabled()) {
            log.info("Email goes out through SendGrid");
            return new SendGridSender(properties.sendgrid(), properties.delivery().concurrency());
        }
        log.info("SENDGRID_API_KEY is not set: messages are kept for the dev mailbox, not sent");
        return new MailboxSender();
    }

    @Bean
    CircuitBreaker mailCircuitBreaker(NotificationProperties properties, MeterRegistry meters) {
        NotificationProperties.Delivery d = properties.delivery();
        CircuitBreaker breaker = CircuitBreaker.of("sendgrid", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(d.breakerWindow())
                .minimumNumberOfCalls(d.breakerMinimumCalls())
                .failureRateThreshold(d.breakerFailureRate())
                .waitDurationInOpenState(d.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, d.breakerMinimumCalls())))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("Mail circuit breaker: {}",
                e.getStateTransition()));
        Gauge.builder("telemed.notification.circuit.open", breaker,
                b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the circuit breaker keeps calls away from the mail provider").register(meters);
        return breaker;
    }

    @Bean
    DeliveryWorker deliveryWorker(MessageStore store, MailSender sender, CircuitBreaker mailCircuitBreaker,
            NotificationProperties properties, DeliverySignal signal, MeterRegistry meters) {
        return new DeliveryWorker(store, sender, mailCircuitBreaker, properties.delivery(), signal, meters);
    }
}
