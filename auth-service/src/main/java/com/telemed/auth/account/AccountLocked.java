package com.telemed.auth.account;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.telemed.servicekit.web.ApiException;

/** 429: too many failed sign-ins; {@code retry_after} (seconds) is also sent as the Retry-After header. */
public class AccountLocked extends ApiException {

    private final long retryAfterSeconds;

    public AccountLocked(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "account-locked",
                "Too many failed sign-ins; try again later or reset the password",
                Map.of("retry_after", Math.max(1, retryAfter.toSeconds())));
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
