package com.telemed.booking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Booking rules of the service (env in brackets): how long a slot hold lives [TELEMED_BOOKING_HOLD],
 * how close to the consultation a patient may still cancel or move it [TELEMED_BOOKING_CANCEL_CUTOFF], how often
 * expired holds are released [TELEMED_BOOKING_SWEEP_INTERVAL], how long a doctor's booking rules are reused
 * before being read again [TELEMED_BOOKING_RULES_CACHE_TTL, 0 to read them on every booking], how many live holds
 * (bookings pending payment) one email [TELEMED_BOOKING_MAX_LIVE_HOLDS_PER_EMAIL] and one client address
 * [TELEMED_BOOKING_MAX_LIVE_HOLDS_PER_CLIENT_IP, 0 for no cap per address] may have at once, and the profile a
 * doctor gets in local mode.
 */
@ConfigurationProperties("telemed.booking")
public record BookingProperties(
        @DefaultValue("30m") Duration hold,
        @DefaultValue("24h") Duration cancelCutoff,
        @DefaultValue("15s") Duration sweepInterval,
        @DefaultValue("62") int maxSlotRangeDays,
        @DefaultValue("2s") Duration rulesCacheTtl,
        @DefaultValue("2") int maxLiveHoldsPerEmail,
        @DefaultValue("2") int maxLiveHoldsPerClientIp,
        @DefaultValue DefaultProfile defaultProfile) {

    /** What a doctor arriving without a public profile gets in local mode, so the demo can book at once. */
    public record DefaultProfile(
            @DefaultValue("4500") long feeAmount,
            @DefaultValue("eur") String currency,
            @DefaultValue("30") int slotMinutes,
            @DefaultValue("Europe/Madrid") String timezone,
            @DefaultValue("09:00") String dayStart,
            @DefaultValue("17:00") String dayEnd) {
    }
}
