package com.telemed.booking.consultations;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.booking.CaptchaProperties;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * The optional CAPTCHA check of public booking (Cloudflare Turnstile or hCaptcha: both verify a form post of
 * {@code secret}, {@code response} and {@code remoteip} and answer {@code {"success": ...}}). Off unless configured,
 * and in local mode. A missing or refused token, or a provider that does not answer in time, refuses the booking
 * (422 {@code captcha-failed}) before anything is stored.
 */
@Component
public class Captcha {

    private static final Logger log = LoggerFactory.getLogger(Captcha.class);

    private final CaptchaProperties properties;
    private final boolean enabled;
    private final WebClient http;

    Captcha(CaptchaProperties properties, @Value("${telemed.local-mode:false}") boolean localMode) {
        this.properties = properties;
        this.enabled = properties.configured() && !localMode;
        this.http = enabled ? WebClient.builder().baseUrl(properties.endpoint()).build() : null;
        if (enabled) {
            log.info("Public booking asks for a CAPTCHA ({})", properties.provider());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Completes when the token is accepted (or the check is off); otherwise 422 captcha-failed. */
    public Mono<Void> verify(String token, String clientIp) {
        if (!enabled) {
            return Mono.empty();
        }
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Mono.error(failed());
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("secret", properties.secret());
        form.add("response", token);
        if (clientIp != null) {
            form.add("remoteip", clientIp);
        }
        return http.post().contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .bodyToMono(Map.class)
                .timeout(properties.timeout())
                .map(answer -> Boolean.TRUE.equals(answer.get("success")))
                .onErrorResume(e -> {
                    log.warn("CAPTCHA verification did not answer: {}", e.toString());
                    return Mono.just(false);
                })
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(failed()));
    }

    private static ApiException failed() {
        return ApiException.unprocessable("captcha-failed", "Please complete the verification and try again");
    }
}
