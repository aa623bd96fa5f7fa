package com.telemed.payment;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.telemed.work.Backoff;

/**
 * Settings of payment-service ({@code telemed.payments.*}); docs/services/payment-service.md lists the environment
 * variables behind them.
 *
 * @param publicUrl          the web's public address (sandbox checkout links, default allowed origin)
 * @param allowedOrigins     origins that success and cancel URLs may point to; empty means the public URL's origin
 *                           (and, in local mode only, the web's development server {@code http://localhost:3000})
 * @param projectionWait     how long a checkout waits for booking's event about a consultation it has not seen yet
 * @param sessionMinimumLife Stripe refuses a session that expires sooner than 30 minutes after creation
 * @param stripe             Stripe's API; without a secret key the embedded sandbox stands in for it
 * @param refund             cancellation policy and the refund worker
 * @param reconcileInterval  how often pending payments are compared with Stripe
 * @param reconcileMinAge    a payment younger than this is left to its webhook
 * @param reconcileMaxAge    a payment older than this is no longer looked at
 * @param localMode          {@code telemed.local-mode}: make dev on one machine
 */
@ConfigurationProperties("telemed.payments")
public record PaymentProperties(String publicUrl, List<String> allowedOrigins, Duration projectionWait,
        Duration sessionMinimumLife, Stripe stripe, Refund refund, Duration reconcileInterval,
        Duration reconcileMinAge, Duration reconcileMaxAge, boolean localMode) {

    public PaymentProperties {
        publicUrl = blank(publicUrl) ? "http://localhost:8080" : stripSlash(publicUrl.trim());
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().filter(o -> !blank(o)).map(o -> stripSlash(o.trim())).toList();
        projectionWait = projectionWait == null ? Duration.ofSeconds(3) : projectionWait;
        // 30 minutes is Stripe's floor; the margin covers clock skew and the time the request takes.
        sessionMinimumLife = sessionMinimumLife == null ? Duration.ofMinutes(32) : sessionMinimumLife;
        stripe = stripe == null ? new Stripe(null, null, null, null, null, null, null, null, null) : stripe;
        refund = refund == null ? new Refund(null, null, null, null, null, null, null, null) : refund;
        reconcileInterval = reconcileInterval == null ? Duration.ofMinutes(2) : reconcileInterval;
        reconcileMinAge = reconcileMinAge == null ? Duration.ofMinutes(1) : reconcileMinAge;
        reconcileMaxAge = reconcileMaxAge == null ? Duration.ofHours(48) : reconcileMaxAge;
    }

    /** The origins success and cancel URLs may use ({@code scheme://host[:port]}). */
    public List<String> effectiveAllowedOrigins() {
        if (!allowedOrigins.isEmpty()) {
            return allowedOrigins;
        }
        List<String> origins = new ArrayList<>();
        origins.add(originOf(publicUrl));
        if (localMode) {
            origins.add("http://localhost:3000");
        }
        return origins;
    }

    /** Where the sandbox delivers its events by default: the webhook behind the gateway. */
    public String defaultSandboxWebhookUrl() {
        return publicUrl + "/api/v1/payments/webhook";
    }

    /**
     * @param secretKey       {@code STRIPE_SECRET_KEY}; empty means the sandbox
     * @param webhookSecrets  {@code STRIPE_WEBHOOK_SECRET}, several during a rotation
     * @param apiBase         Stripe's API base; tests point it at a local stand-in
     * @param connectTimeout  TCP connect timeout
     * @param readTimeout     time allowed for Stripe's answer
     * @param retries         attempts after the first on a network error or a 5xx
     * @param retryBackoff    first wait between attempts (doubled each time)
     * @param breakerMinimumCalls calls before the circuit breaker may open
     * @param breakerOpenFor  how long the open breaker refuses calls
     */
    public record Stripe(String secretKey, List<String> webhookSecrets, String apiBase, Duration connectTimeout,
            Duration readTimeout, Integer retries, Duration retryBackoff, Integer breakerMinimumCalls,
            Duration breakerOpenFor) {
        public Stripe {
            secretKey = secretKey == null ? "" : secretKey.trim();
            webhookSecrets = webhookSecrets == null || webhookSecrets.isEmpty() ? List.of("whsec_telemed_dev")
                    : webhookSecrets.stream().filter(s -> !blank(s)).map(String::trim).toList();
            apiBase = blank(apiBase) ? "https://api.stripe.com" : stripSlash(apiBase.trim());
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
            retries = retries == null ? 2 : retries;
            retryBackoff = retryBackoff == null ? Duration.ofMillis(300) : retryBackoff;
            breakerMinimumCalls = breakerMinimumCalls == null ? 10 : breakerMinimumCalls;
            breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        }

        public boolean sandbox() {
            return secretKey.isEmpty();
        }

        /** The secret the sandbox signs with: the first (current) one. */
        public String signingSecret() {
            return webhookSecrets.get(0);
        }
    }

    /**
     * @param fullBefore    a patient who cancels at least this long before the consultation gets everything back
     * @param latePercent   what a patient who cancels later gets back, in percent (0: nothing)
     * @param pollInterval  how often the refund worker looks for due refunds
     * @param lease         how long a claimed refund is reserved for the worker that claimed it
     * @param maxAttempts   attempts before a refund that keeps failing is marked failed (and shown to admins)
     * @param initialBackoff first delay after a failed attempt
     * @param maxBackoff    ceiling of the backoff
     * @param workerEnabled whether this instance runs the refund worker and the reconciler
     */
    public record Refund(Duration fullBefore, Integer latePercent, Duration pollInterval, Duration lease,
            Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Boolean workerEnabled) {
        public Refund {
            fullBefore = fullBefore == null ? Duration.ofHours(24) : fullBefore;
            latePercent = latePercent == null ? 0 : Math.max(0, Math.min(100, latePercent));
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            workerEnabled = workerEnabled == null || workerEnabled;
            Backoff.of(initialBackoff, maxBackoff); // refuses a ceiling below the first delay at start-up
        }

        /** Between attempts: {@code initialBackoff}, doubled after each failure, never more than {@code maxBackoff}. */
        public Backoff backoff() {
            return Backoff.of(initialBackoff, maxBackoff);
        }
    }

    static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
