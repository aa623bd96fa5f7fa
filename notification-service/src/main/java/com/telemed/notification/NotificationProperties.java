package com.telemed.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.telemed.work.Backoff;

/**
 * Settings of notification-service ({@code telemed.notification.*}); see docs/services/notification-service.md
 * for the environment variables behind them.
 *
 * @param publicUrl        base of every link in an email (the web's public address)
 * @param doctorTimezone   zone in which doctors read consultation times
 * @param sendgrid         SendGrid delivery; without an API key messages go to the dev mailbox
 * @param delivery         the durable send queue
 */
@ConfigurationProperties("telemed.notification")
public record NotificationProperties(String publicUrl, String doctorTimezone, SendGrid sendgrid, Delivery delivery) {

    public NotificationProperties {
        publicUrl = blank(publicUrl) ? "http://localhost:8080" : stripSlash(publicUrl.trim());
        doctorTimezone = blank(doctorTimezone) ? "Europe/Madrid" : doctorTimezone;
        sendgrid = sendgrid == null ? new SendGrid(null, null, null, null, null, null) : sendgrid;
        delivery = delivery == null ? new Delivery(null, null, null, null, null, null, null, null, null, null, null, null, null)
                : delivery;
    }

    /**
     * @param apiKey         SendGrid API key; empty means the embedded dev mailbox
     * @param fromEmail      sender address (verified in SendGrid)
     * @param fromName       sender display name
     * @param baseUrl        SendGrid API base; tests point it at a local stand-in
     * @param connectTimeout TCP connect timeout
     * @param readTimeout    time allowed for SendGrid's answer
     */
    public record SendGrid(String apiKey, String fromEmail, String fromName, String baseUrl, Duration connectTimeout,
            Duration readTimeout) {
        public SendGrid {
            apiKey = apiKey == null ? "" : apiKey.trim();
            fromEmail = blank(fromEmail) ? "no-reply@telemed.local" : fromEmail.trim();
            fromName = blank(fromName) ? "Telemed" : fromName;
            baseUrl = blank(baseUrl) ? "https://api.sendgrid.com" : stripSlash(baseUrl.trim());
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        }

        public boolean enabled() {
            return !apiKey.isEmpty();
        }
    }

    /**
     * @param enabled          whether this instance runs the delivery worker
     * @param pollInterval     how often the worker looks for due messages when nothing woke it (every queued
     *                         message wakes it: the poll finds retries that fell due and expired leases)
     * @param batchSize        messages claimed per round
     * @param concurrency      sends in flight at once (and HTTP connections to SendGrid), shared by the lanes
     * @param lanes            batches in progress side by side
     * @param lease            how long a claimed message is reserved for the worker that claimed it
     * @param maxAttempts      attempts before a message that keeps failing is marked failed
     * @param initialBackoff   first delay after a transient failure
     * @param maxBackoff       ceiling of the exponential backoff (and of an honoured Retry-After)
     * @param breakerWindow    calls the circuit breaker looks at
     * @param breakerMinimumCalls calls before the breaker may open
     * @param breakerFailureRate  failure percentage that opens it
     * @param breakerOpenFor   how long it stays open before letting a few calls probe SendGrid again
     */
    public record Delivery(Boolean enabled, Duration pollInterval, Integer batchSize, Integer concurrency,
            Integer lanes, Duration lease, Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
            Integer breakerWindow, Integer breakerMinimumCalls, Float breakerFailureRate, Duration breakerOpenFor) {
        public Delivery {
            enabled = enabled == null || enabled;
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            batchSize = batchSize == null ? 100 : batchSize;
            concurrency = concurrency == null ? 32 : concurrency;
            lanes = lanes == null ? 2 : Math.max(1, lanes);
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            breakerWindow = breakerWindow == null ? 20 : breakerWindow;
            breakerMinimumCalls = breakerMinimumCalls == null ? 10 : breakerMinimumCalls;
            breakerFailureRate = breakerFailureRate == null ? 50f : breakerFailureRate;
            breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
            Backoff.of(initialBackoff, maxBackoff); // refuses a ceiling below the first delay at start-up
        }

        /** After a transient failure: {@code initialBackoff}, doubled each time, never more than {@code maxBackoff}. */
        public Backoff backoff() {
            return Backoff.of(initialBackoff, maxBackoff);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
