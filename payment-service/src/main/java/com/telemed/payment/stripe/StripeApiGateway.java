package com.telemed.payment.stripe;

import java.time.Duration;
import java.util.concurrent.Callable;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.telemed.payment.PaymentProperties;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stripe through stripe-java. The client blocks, so every call runs on the bounded-elastic scheduler, with connect
 * and read timeouts; network errors, 429 and 5xx are retried with backoff (the idempotency key makes a repeat safe),
 * and a circuit breaker stops calling Stripe while it keeps failing. Other 4xx are {@link StripeRejected}.
 */
public class StripeApiGateway implements StripeGateway {

    private final StripeClient client;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Duration callTimeout;

    public StripeApiGateway(PaymentProperties.Stripe settings, Retry retry, CircuitBreaker breaker) {
        this.client = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                // Retries are ours (counted, with backoff, behind the breaker).
                .setMaxNetworkRetries(0)
                .build();
        this.retry = retry;
        this.breaker = breaker;
        Duration oneCall = settings.connectTimeout().plus(settings.readTimeout());
        Duration waits = settings.retryBackoff().multipliedBy((1L << Math.max(0, settings.retries())) * 2);
        this.callTimeout = oneCall.multipliedBy(settings.retries() + 1L).plus(waits).plusSeconds(1);
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Mono<CreatedSession> createSession(NewSession s) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(s.currency())
                                .setUnitAmount(s.amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(s.productName()).build())
                                .build())
                        .build())
                .setSuccessUrl(s.successUrl())
                .setCancelUrl(s.cancelUrl())
                .setExpiresAt(s.expiresAt().getEpochSecond())
                .setClientReferenceId(Long.toString(s.consultationId()))
                .setCustomerEmail(s.customerEmail())
                .putMetadata("consultation_id", Long.toString(s.consultationId()))
                .putMetadata("payment_id", Long.toString(s.paymentId()))
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("consultation_id", Long.toString(s.consultationId()))
                        .putMetadata("payment_id", Long.toString(s.paymentId()))
                        .build())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(s.idempotencyKey()).build();
        return call(() -> {
            Session session = client.v1().checkout().sessions().create(params, options);
            return new CreatedSession(session.getId(), session.getUrl(), session.getPaymentIntent(),
                    session.getCustomer());
        });
    }

    @Override
    public Mono<SessionState> retrieveSession(String sessionId) {
        return call(() -> {
            Session s = client.v1().checkout().sessions().retrieve(sessionId);
            return new SessionState(s.getId(), s.getStatus(), s.getPaymentStatus(), s.getPaymentIntent(),
                    s.getAmountTotal() == null ? 0 : s.getAmountTotal(), s.getCurrency(), s.getMetadata());
        });
    }

    @Override
    public Mono<String> refund(NewRefund r) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(r.paymentIntentId())
                .setAmount(r.amount())
                .putMetadata("telemed_refund_id", Long.toString(r.refundId()))
                .putMetadata("payment_id", Long.toString(r.paymentId()))
                .putMetadata("consultation_id", Long.toString(r.consultationId()))
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(r.idempotencyKey()).build();
        return call(() -> {
            Refund refund = client.v1().refunds().create(params, options);
            return refund.getId();
        });
    }

    private <T> Mono<T> call(Callable<T> stripeCall) {
        Callable<T> translated = () -> {
            try {
                return stripeCall.call();
            } catch (StripeException e) {
                throw translate(e);
            }
        };
        Callable<T> guarded = CircuitBreaker.decorateCallable(breaker, Retry.decorateCallable(retry, translated));
        return Mono.fromCallable(() -> {
            try {
                return guarded.call();
            } catch (CallNotPermittedException e) {
                throw new StripeUnavailable("Stripe circuit breaker is open", e);
            }
        })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(callTimeout)
                .onErrorMap(java.util.concurrent.TimeoutException.class,
                        e -> new StripeUnavailable("Stripe did not answer in time", e));
    }

    static RuntimeException translate(StripeException e) {
        Integer status = e.getStatusCode();
        String what = "Stripe " + e.getClass().getSimpleName() + (status == null ? "" : " " + status)
                + (e.getCode() == null ? "" : " (" + e.getCode() + ")");
        if (e instanceof ApiConnectionException || status == null || status == 429 || status >= 500) {
            return new StripeUnavailable(what, e);
        }
        return new StripeRejected(what, e);
    }
}
