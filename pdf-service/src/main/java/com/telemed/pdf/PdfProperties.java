package com.telemed.pdf;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * pdf-service settings ({@code telemed.pdf.*}). The owners of the data are called with the caller's token:
 * {@code clinicalUrl} (records, history, patient summary) and {@code bookingUrl} (consultations, patient identity),
 * each with connect/read timeouts, {@code retries} on failures that are safe to repeat (every call is a GET), and
 * a circuit breaker that opens when half of at least {@code breakerMinimumCalls} calls fail. While an owner is
 * out of reach, downloads answer 503 with {@code Retry-After: retryAfter}.
 */
@ConfigurationProperties("telemed.pdf")
public record PdfProperties(String clinicName, ZoneId clinicZone, String clinicalUrl, String bookingUrl,
        Duration connectTimeout, Duration readTimeout, int retries, Duration retryBackoff, int breakerMinimumCalls,
        Duration breakerOpenFor, Duration retryAfter, int maxRecords) {
}
