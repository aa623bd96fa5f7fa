package com.telemed.payment.payments.web;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.payment.payments.Checkout;
import com.telemed.payment.payments.PaymentQueries;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Opening a checkout (public at the gateway: proof is the checkout token, or an access token this service checks
 * itself) and the status of a checkout session for the return page (the session id is the capability).
 */
@RestController
class CheckoutController {

    private static final String RETRY_AFTER_SECONDS = "30";

    private final Checkout checkout;
    private final PaymentQueries queries;

    CheckoutController(Checkout checkout, PaymentQueries queries) {
        this.checkout = checkout;
        this.queries = queries;
    }

    record CheckoutBody(Long consultationId, String successUrl, String cancelUrl, String checkoutToken) {
    }

    record CheckoutAnswer(String checkoutUrl, String sessionId, long consultationId, Instant expiresAt) {
    }

    @Operation(summary = "Open the checkout of a held consultation", responses = {
            @ApiResponse(responseCode = "201", description = "A new checkout session"),
            @ApiResponse(responseCode = "200", description = "The consultation's open checkout session, found again") })
    @PostMapping("/api/v1/payments/checkout-session")
    Mono<ResponseEntity<CheckoutAnswer>> open(@RequestBody CheckoutBody body, Caller caller,
            ServerHttpResponse response) {
        return checkout.open(new Checkout.Request(body.consultationId(), body.successUrl(), body.cancelUrl(),
                        body.checkoutToken()), caller)
                .map(s -> ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new CheckoutAnswer(s.checkoutUrl(), s.sessionId(), s.consultationId(), s.expiresAt())))
                .doOnError(ApiException.class, e -> {
                    if (e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                        response.getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
                    }
                });
    }

    @Operation(summary = "Where a checkout stands")
    @GetMapping("/api/v1/payments/checkout-session/{sessionId}")
    Mono<PaymentQueries.CheckoutStatus> status(@PathVariable String sessionId) {
        if (sessionId.length() > 200) {
            return Mono.error(ApiException.notFound("Checkout session"));
        }
        return queries.checkoutStatus(sessionId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Checkout session")));
    }
}
