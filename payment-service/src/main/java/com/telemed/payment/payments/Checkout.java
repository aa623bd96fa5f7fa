package com.telemed.payment.payments;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.telemed.events.CheckoutToken;
import com.telemed.payment.PaymentProperties;
import com.telemed.payment.consultations.Consultation;
import com.telemed.payment.consultations.ConsultationProjection;
import com.telemed.payment.stripe.StripeGateway;
import com.telemed.payment.stripe.StripeRejected;
import com.telemed.payment.stripe.StripeUnavailable;
import com.telemed.servicekit.crypto.EventSeal;
import com.telemed.servicekit.crypto.FieldCipher;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.security.Roles;
import com.telemed.servicekit.web.ApiException;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Opens (or answers again) the Stripe Checkout session of a consultation waiting for payment. The caller proves its
 * right to pay with booking's checkout token for that consultation, or with an access token of an admin, of the
 * consultation's doctor or of its patient. Amount, currency and doctor come from booking's events, never from the
 * request.
 */
@Component
public class Checkout {

    private static final String SESSION_PLACEHOLDER = "session_id={CHECKOUT_SESSION_ID}";

    private final ConsultationProjection consultations;
    private final PaymentStore payments;
    private final StripeGateway stripe;
    private final EventSeal seal;
    private final PaymentProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public Checkout(ConsultationProjection consultations, PaymentStore payments, StripeGateway stripe, EventSeal seal,
            PaymentProperties properties, Clock clock, MeterRegistry meters) {
        this.consultations = consultations;
        this.payments = payments;
        this.stripe = stripe;
        this.seal = seal;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public record Request(Long consultationId, String successUrl, String cancelUrl, String checkoutToken) {
    }

    /** @param created whether a new session was opened (else an open one is answered again) */
    public record Session(String checkoutUrl, String sessionId, long consultationId, Instant expiresAt,
            boolean created) {
    }

    public Mono<Session> open(Request request, Caller caller) {
        return Mono.defer(() -> {
            long id = validate(request);
            boolean byToken = tokenProves(request.checkoutToken(), id);
            boolean tokenSent = request.checkoutToken() != null && !request.checkoutToken().isBlank();
            if (!byToken && !caller.signedIn()) {
                if (tokenSent) {
                    // A token for another consultation, or none of ours: the same answer as an unknown id.
                    throw ApiException.notFound("Consultation");
                }
                throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                        "A checkout token or an access token is required");
            }
            return awaitConsultation(id)
                    .filter(c -> byToken || mayPay(caller, c))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Consultation")))
                    .flatMap(c -> openFor(c, request));
        });
    }

    private long validate(Request r) {
        if (r.consultationId() == null || r.consultationId() <= 0) {
            throw ApiException.badRequest("validation", "consultation_id is required");
        }
        checkUrl("success_url", r.successUrl());
        checkUrl("cancel_url", r.cancelUrl());
        return r.consultationId();
    }

    private void checkUrl(String field, String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw ApiException.badRequest("validation", field + " is required");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation", field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("validation", field + " must be an absolute http(s) URL");
        }
        String origin = scheme + "://" + uri.getRawAuthority().toLowerCase();
        List<String> allowed = properties.effectiveAllowedOrigins();
        if (allowed.stream().noneMatch(o -> o.equalsIgnoreCase(origin))) {
            throw ApiException.badRequest("origin-not-allowed", field + " is not on an allowed origin");
        }
    }

    private boolean tokenProves(String token, long consultationId) {
        if (token == null || token.isBlank()) {
            return false;
        }
        try {
            return Long.toString(consultationId).equals(seal.open(CheckoutToken.PURPOSE, CheckoutToken.FIELD, token.trim()));
        } catch (FieldCipher.CipherFailure | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean mayPay(Caller caller, Consultation c) {
        if (!caller.signedIn()) {
            return false;
        }
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.isDoctor()) {
            return Long.toString(c.doctorId()).equals(caller.id());
        }
        return caller.hasRole(Roles.PATIENT) && Long.toString(c.patientId()).equals(caller.id());
    }

    /** Booking's event may still be on its way when the patient is sent here: wait a little for it. */
    private Mono<Consultation> awaitConsultation(long id) {
        long tries = Math.max(1, properties.projectionWait().toMillis() / 150);
        return consultations.find(id)
                .switchIfEmpty(Mono.error(NotYetSeen::new))
                .retryWhen(Retry.fixedDelay(tries, Duration.ofMillis(150)).filter(NotYetSeen.class::isInstance))
                .onErrorResume(e -> e instanceof NotYetSeen || (e.getCause() instanceof NotYetSeen), e -> Mono.empty());
    }

    private static final class NotYetSeen extends RuntimeException {
        NotYetSeen() {
            super(null, null, false, false);
        }
    }

    private Mono<Session> openFor(Consultation c, Request request) {
        Instant now = clock.instant();
        if (!c.pendingPayment()) {
            throw ApiException.conflict("not-pending-payment", "The consultation is not waiting for payment");
        }
        if (!c.holdAliveAt(now)) {
            throw ApiException.conflict("hold-expired", "The reservation of this time has expired; book again");
        }
        return payments.latest(c.id())
                .flatMap(latest -> {
                    if (latest.paid()) {
                        return Mono.error(ApiException.conflict("already-paid", "The consultation is already paid"));
                    }
                    if (latest.openAt(now)) {
                        return Mono.just(new Session(latest.checkoutUrl(), latest.stripeSessionId(), c.id(),
                                latest.expiresAt(), false));
                    }
                    if (Payment.CREATING.equals(latest.status()) && latest.expiresAt()
                            .isAfter(now.plus(properties.sessionMinimumLife()).minus(Duration.ofMinutes(1)))) {
                        // A previous call did not hear back from Stripe: the same parameters and key again.
                        return create(c, latest);
                    }
                    return payments.abandon(latest.id()).then(newAttempt(c, request, latest.attempt() + 1, now));
                })
                .switchIfEmpty(Mono.defer(() -> newAttempt(c, request, 1, now)));
    }

    /**
     * Stripe wants a session to live at least 30 minutes, while a hold may end sooner: the session then outlives the
     * hold, and a payment made after the hold is refunded in full (the late-payment rule), so a slot is never sold
     * twice.
     */
    private Mono<Session> newAttempt(Consultation c, Request request, int attempt, Instant now) {
        Instant floor = now.plus(properties.sessionMinimumLife());
        Instant expiresAt = c.holdExpiresAt() == null || c.holdExpiresAt().isBefore(floor) ? floor : c.holdExpiresAt();
        return payments.insertCreating(c.id(), attempt, c.amount(), c.currency(),
                        withSessionId(request.successUrl().trim()), withSessionId(request.cancelUrl().trim()),
                        expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("checkout-in-progress",
                        "Another checkout of this consultation is being opened; try again")))
                .flatMap(p -> create(c, p));
    }

    private Mono<Session> create(Consultation c, Payment p) {
        return consultations.patientEmail(c.id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(email -> stripe.createSession(new StripeGateway.NewSession(p.id(), c.id(), p.amount(),
                        p.currency(), "Consulta " + c.id(), email.orElse(null), p.successUrl(), p.cancelUrl(),
                        p.expiresAt(), "checkout-" + c.id() + "-" + p.attempt())))
                .onErrorMap(StripeUnavailable.class, e -> {
                    meters.counter("telemed.payment.checkout.unavailable").increment();
                    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable",
                            "The payment provider is not available; try again shortly");
                })
                .onErrorMap(StripeRejected.class, e -> new ApiException(HttpStatus.BAD_GATEWAY, "payment-provider-refused",
                        "The payment provider refused to open the checkout"))
                .flatMap(created -> payments.opened(p.id(), created.id(), created.url(), created.paymentIntentId(),
                        created.customerId()))
                .doOnNext(opened -> meters.counter("telemed.payment.checkout.sessions", "provider", stripe.name())
                        .increment())
                .map(opened -> new Session(opened.checkoutUrl(), opened.stripeSessionId(), c.id(), opened.expiresAt(),
                        true));
    }

    static String withSessionId(String url) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        return base + (base.contains("?") ? "&" : "?") + SESSION_PLACEHOLDER + tail;
    }
}
