package com.telemed.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.telemed.notification.NotificationProperties;
import com.telemed.notification.message.MessageStore;
import com.telemed.notification.message.Outgoing;
import com.telemed.work.BackgroundRounds;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drains the durable send queue: claims due messages ({@code FOR UPDATE SKIP LOCKED}, so replicas share the
 * work), sends them with bounded concurrency and records each outcome: sent; retrying with exponential backoff
 * (or SendGrid's {@code Retry-After}) after a transient failure; failed at once after a permanent one, or once
 * the attempts run out. A circuit breaker stops calling SendGrid while it keeps failing: messages then wait,
 * their attempts untouched, until it lets a probe through. Queued messages survive restarts: the worker picks
 * them up on its first round.
 */
public class DeliveryWorker extends BackgroundRounds {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final MessageStore store;
    private final MailSender sender;
    private final CircuitBreaker breaker;
    private final NotificationProperties.Delivery settings;
    private final DeliverySignal signal;
    private final MeterRegistry meters;
    private final Timer sendLatency;
    private final Timer eventToSent;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong failedMessages = new AtomicLong();

    public DeliveryWorker(MessageStore store, MailSender sender, CircuitBreaker breaker,
            NotificationProperties.Delivery settings, DeliverySignal signal, MeterRegistry meters) {
        this.store = store;
        this.sender = sender;
        this.breaker = breaker;
        this.settings = settings;
        this.signal = signal;
        this.meters = meters;
        this.sendLatency = Timer.builder("telemed.notification.send.latency")
                .description("Time the mail provider took to accept or refuse a message")
                .tag("provider", sender.name()).publishPercentileHistogram().register(meters);
        this.eventToSent = Timer.builder("telemed.notification.event.to.sent")
                .description("From the event that caused a message to the provider accepting it")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("telemed.notification.queue.depth", queueDepth, AtomicLong::get)
                .description("Messages queued or waiting for a retry").register(meters);
        Gauge.builder("telemed.notification.failed.messages", failedMessages, AtomicLong::get)
                .description("Messages that failed for good (see the admin API)").register(meters);
    }

    /** One round: claims a batch and sends it. Emits how many messages were claimed. */
    public Mono<Integer> deliverOnce() {
        int inFlight = Math.max(1, (settings.concurrency() + settings.lanes() - 1) / settings.lanes());
        return store.claimDue(settings.batchSize(), settings.lease())
                .flatMap(batch -> Flux.fromIterable(batch)
                        .flatMap(this::deliver, inFlight)
                        .collectList()
                        .flatMap(this::markAccepted)
                        .then(Mono.just(batch.size())));
    }

    /** Sends one message; emits it when the provider accepted it (marked in bulk), otherwise records the outcome. */
    private Mono<Accepted> deliver(Outgoing message) {
        if (!message.readable()) {
            return fail(message, "The stored message cannot be decrypted with the configured keys").then(Mono.empty());
        }
        if (!breaker.tryAcquirePermission()) {
            return store.queue().release(message.id(), settings.breakerOpenFor()).then(Mono.empty());
        }
        long started = System.nanoTime();
        return sender.send(message).flatMap(outcome -> {
            long took = System.nanoTime() - started;
            sendLatency.record(took, TimeUnit.NANOSECONDS);
            if (outcome instanceof SendOutcome.Accepted accepted) {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                return Mono.just(new Accepted(message, accepted.providerId()));
            }
            return recordFailure(message, outcome, took).then(Mono.empty());
        });
    }

    private Mono<Void> markAccepted(List<Accepted> accepted) {
        Long[] ids = accepted.stream().map(a -> a.message().id()).toArray(Long[]::new);
        String[] providerIds = accepted.stream().map(a -> a.providerId() == null ? "" : a.providerId())
                .toArray(String[]::new);
        return store.markSent(ids, providerIds).doOnSuccess(done -> {
            Instant now = Instant.now();
            for (Accepted a : accepted) {
                counter("telemed.notification.sent", a.message().template()).increment();
                Duration sinceEvent = Duration.between(a.message().eventAt(), now);
                if (!sinceEvent.isNegative()) {
                    eventToSent.record(sinceEvent);
                }
            }
        });
    }

    private record Accepted(Outgoing message, String providerId) {
    }

    private Mono<Void> recordFailure(Outgoing message, SendOutcome outcome, long tookNanos) {
        if (outcome instanceof SendOutcome.Transient failure) {
            breaker.onError(tookNanos, TimeUnit.NANOSECONDS, new TransientSendFailure(failure.reason()));
            if (message.attempts() >= settings.maxAttempts()) {
                return fail(message, "Gave up after " + message.attempts() + " attempts: " + failure.reason());
            }
            Duration delay = delayAfter(settings, message.attempts(), failure.retryAfter());
            counter("telemed.notification.retried", message.template()).increment();
            log.info("Message {} ({}) will be retried in {} (attempt {})", message.id(), message.template(), delay,
                    message.attempts());
            return store.queue().retryLater(message.id(), delay, failure.reason());
        }
        // Permanent: the provider answered, so it is up, whatever it thought of this message.
        breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
        return fail(message, ((SendOutcome.Permanent) outcome).reason());
    }

    /** Exponential backoff, or the provider's Retry-After when it asks for longer (capped all the same). */
    static Duration delayAfter(NotificationProperties.Delivery settings, int attempts, Duration retryAfter) {
        Duration backoff = settings.backoff().after(attempts);
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            return retryAfter.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter;
        }
        return backoff;
    }

    private Mono<Void> fail(Outgoing message, String reason) {
        counter("telemed.notification.failed", message.template()).increment();
        log.warn("Message {} ({}) failed after {} attempts", message.id(), message.template(), message.attempts());
        return store.queue().fail(message.id(), reason);
    }

    private Counter counter(String name, String type) {
        return meters.counter(name, "type", type, "provider", sender.name());
    }

    /** Refreshes the queue-depth and failed-messages gauges. */
    public Mono<Void> refreshGauges() {
        return store.counts().doOnNext(counts -> {
            queueDepth.set(counts.waiting());
            failedMessages.set(counts.failed());
        }).then();
    }

    @Override
    protected Disposable startRounds() {
        if (!settings.enabled()) {
            return null;
        }
        Flux<Boolean> ticks = Flux.merge(Flux.interval(Duration.ZERO, settings.pollInterval()).map(t -> true),
                signal.wakeUps());
        // Full batches back to back until nothing more is due, in a few lanes side by side, so that one batch's
        // slowest sends do not leave the others idle; each batch, not the whole drain, has the round's deadline.
        Disposable delivering = batches("Mail delivery", ticks, DEFAULT_ROUND_TIMEOUT, settings.batchSize(),
                settings.lanes(), this::deliverOnce);
        Disposable gauges = rounds("Mail queue gauges", Flux.interval(Duration.ZERO, Duration.ofSeconds(5)),
                this::refreshGauges);
        return Disposables.composite(delivering, gauges);
    }

    /** What the circuit breaker counts as SendGrid failing. */
    static final class TransientSendFailure extends RuntimeException {
        TransientSendFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
