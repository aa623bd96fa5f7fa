package com.telemed.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import com.telemed.notification.NotificationProperties;

class RetryPolicyTest {

    private final NotificationProperties.Delivery delivery = new NotificationProperties(null, null, null,
            new NotificationProperties.Delivery(null, null, null, null, null, null, null, Duration.ofSeconds(2),
                    Duration.ofMinutes(10), null, null, null, null)).delivery();

    @Test
    void backsOffExponentiallyUpToTheCeiling() {
        assertThat(delivery.backoff().after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.backoff().after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delivery.backoff().after(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(delivery.backoff().after(30)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void honoursALongerRetryAfterButNeverBeyondTheCeiling() {
        assertThat(DeliveryWorker.delayAfter(delivery, 1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeliveryWorker.delayAfter(delivery, 3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(8));
        assertThat(DeliveryWorker.delayAfter(delivery, 1, Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(10));
        assertThat(DeliveryWorker.delayAfter(delivery, 1, null)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(SendGridSender.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(SendGridSender.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(SendGridSender.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60));
        assertThat(SendGridSender.retryAfter(past)).isEqualTo(Duration.ZERO);
        assertThat(SendGridSender.retryAfter("soon")).isNull();
        assertThat(SendGridSender.retryAfter(null)).isNull();
    }
}
