package com.telemed.payment.payments.web;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.payment.payments.StripeEvents;
import com.telemed.payment.stripe.WebhookSignatures;
import com.telemed.servicekit.web.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Stripe's webhook. The signature is checked on the raw body before anything is read or stored; a bad one is a
 * 400 and leaves no trace. The event is applied in one short transaction and answered at once; publishing its
 * consequences is the outbox relay's business, so Kafka being away does not make Stripe retry.
 */
@RestController
class WebhookController {

    private final WebhookSignatures signatures;
    private final StripeEvents events;
    private final MeterRegistry meters;
    private final Timer handled;

    WebhookController(WebhookSignatures signatures, StripeEvents events, MeterRegistry meters) {
        this.signatures = signatures;
        this.events = events;
        this.meters = meters;
        this.handled = Timer.builder("telemed.payment.webhook.handled")
                .description("From a webhook's arrival to its effects (and events) being committed")
                .publishPercentileHistogram().register(meters);
    }

    @Operation(summary = "Stripe events (signed with Stripe-Signature)")
    @PostMapping(value = "/api/v1/payments/webhook", consumes = MediaType.ALL_VALUE)
    Mono<Map<String, Object>> receive(@RequestBody(required = false) String body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        long started = System.nanoTime();
        if (!signatures.valid(body, signature)) {
            meters.counter("telemed.payment.webhook.rejected").increment();
            return Mono.error(ApiException.badRequest("invalid-signature", "The Stripe signature is missing or invalid"));
        }
        try {
            return events.apply(StripeEvents.parse(body))
                    .doOnNext(outcome -> handled.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                    .map(outcome -> Map.of("received", true));
        } catch (StripeEvents.Unreadable e) {
            return Mono.error(ApiException.badRequest("invalid-event", e.getMessage()));
        }
    }
}
