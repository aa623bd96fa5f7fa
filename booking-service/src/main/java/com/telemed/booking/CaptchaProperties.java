package com.telemed.booking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional CAPTCHA of public booking: {@code provider} {@code turnstile} (Cloudflare) or {@code hcaptcha}
 * [TELEMED_CAPTCHA_PROVIDER], its server-side {@code secret} [TELEMED_CAPTCHA_SECRET], the verify endpoint (the
 * provider's unless set [TELEMED_CAPTCHA_VERIFY_URL]) and how long to wait for it [TELEMED_CAPTCHA_TIMEOUT]. Off
 * when the provider or the secret is unset, and always in local mode.
 */
@ConfigurationProperties("telemed.captcha")
public record CaptchaProperties(String provider, String secret, String verifyUrl,
        @DefaultValue("5s") Duration timeout) {

    public static final String TURNSTILE = "turnstile";
    public static final String HCAPTCHA = "hcaptcha";

    public boolean configured() {
        return provider != null && !provider.isBlank() && secret != null && !secret.isBlank();
    }

    /** Where the provider verifies a token. */
    public String endpoint() {
        if (verifyUrl != null && !verifyUrl.isBlank()) {
            return verifyUrl;
        }
        return switch (provider.trim().toLowerCase(java.util.Locale.ROOT)) {
            case TURNSTILE -> "https://challenges.cloudflare.com/turnstile/v0/siteverify";
            case HCAPTCHA -> "https://api.hcaptcha.com/siteverify";
            default -> throw new IllegalStateException("TELEMED_CAPTCHA_PROVIDER must be turnstile or hcaptcha");
        };
    }
}
