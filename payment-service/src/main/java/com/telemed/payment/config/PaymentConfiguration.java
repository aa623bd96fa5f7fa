package com.telemed.payment.config;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.payment.PaymentProperties;
import com.telemed.payment.payments.PaymentOutcomes;
import com.telemed.payment.payments.PaymentStore;
import com.telemed.payment.payments.Reconciler;
import com.telemed.payment.payments.RefundPolicy;
import com.telemed.payment.payments.RefundWorker;
import com.telemed.payment.payments.Refunds;
import com.telemed.payment.stripe.SandboxStripe;
import com.telemed.payment.stripe.SandboxWebhooks;
import com.telemed.payment.stripe.StripeApiGateway;
import com.telemed.payment.stripe.StripeGateway;
import com.telemed.payment.stripe.StripeRejected;
import com.telemed.payment.stripe.StripeUnavailable;
import com.telemed.payment.stripe.WebhookSignatures;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires key material, Stripe (stripe-java with a secret key, the embedded sandbox without), and the workers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);

    @Bean
    FieldCipher piiCipher(CryptoKeys keys) {
        return keys.cipher(CryptoKeys.PII_KEYS);
    }

    @Bean
    RefundPolicy refundPolicy(PaymentProperties properties) {
        return new RefundPolicy(properties.refund().fullBefore(), properties.refund().latePercent());
    }

    @Bean
    WebhookSignatures webhookSignatures(PaymentProperties properties) {
        return new WebhookSignatures(properties.stripe().webhookSecrets());
    }

    @Bean
    CircuitBreaker stripeCircuitBreaker(PaymentProperties properties, MeterRegistry meters) {
        PaymentProperties.Stripe s = properties.stripe();
        CircuitBreaker breaker = CircuitBreaker.of("stripe", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(s.breakerMinimumCalls(), 10))
                .minimumNumberOfCalls(s.breakerMinimumCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(s.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(e -> e instanceof StripeUnavailable)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("Stripe circuit breaker: {}",
                e.getStateTransition()));
        Gauge.builder("telemed.payment.stripe.circuit.open", breaker,
                b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the circuit breaker keeps calls away from Stripe").register(meters);
        return breaker;
    }

    @Bean
    Retry stripeRetry(PaymentProperties properties, MeterRegistry meters) {
        PaymentProperties.Stripe s = properties.stripe();
        Retry retry = Retry.of("stripe", RetryConfig.custom()
                .maxAttempts(s.retries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(s.retryBackoff(), 2))
                .retryOnException(e -> e instanceof StripeUnavailable || e instanceof IOException)
                .ignoreExceptions(StripeRejected.class)
                .build());
        retry.getEventPublisher().onRetry(e -> meters.counter("telemed.payment.stripe.retries").increment());
        return retry;
    }

    @Bean
    StripeGateway stripeGateway(PaymentProperties properties, Retry stripeRetry, CircuitBreaker stripeCircuitBreaker,
            DatabaseClient db, Clock clock, Environment env) {
        if (!properties.stripe().sandbox()) {
            log.info("Payments go through Stripe");
            return new StripeApiGateway(properties.stripe(), stripeRetry, stripeCircuitBreaker);
        }
        log.info("STRIPE_SECRET_KEY is not set: the embedded sandbox checkout stands in for Stripe");
        // Read when sending, not at start-up: tests point it at this service's own port, known only once it listens.
        Supplier<String> webhookUrl = () -> {
            String configured = env.getProperty("telemed.payments.sandbox.webhook-url", "");
            return configured.isBlank() ? properties.defaultSandboxWebhookUrl() : configured;
        };
        SandboxWebhooks webhooks = new SandboxWebhooks(WebClient.builder(), webhookUrl,
                properties.stripe().signingSecret());
        return new SandboxStripe(db, webhooks, properties, clock);
    }

    @Bean
    RefundWorker refundWorker(Refunds refunds, PaymentStore payments, StripeGateway stripe, TransactionalOperator tx,
            PaymentProperties properties) {
        return new RefundWorker(refunds, payments, stripe, tx, properties.refund());
    }

    @Bean
    Reconciler reconciler(PaymentStore payments, PaymentOutcomes outcomes, StripeGateway stripe, DatabaseClient db,
            TransactionalOperator tx, PaymentProperties properties, Clock clock, MeterRegistry meters) {
        return new Reconciler(payments, outcomes, stripe, db, tx, properties, clock, meters);
    }
}
