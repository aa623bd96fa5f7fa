package com.telemed.payment.stripe;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the sandbox's events the way Stripe does: an event envelope in Stripe's format (with the API version of
 * the stripe-java in use), signed {@code t=<ts>,v1=<HMAC-SHA256(secret, "<ts>.<body>")>}, POSTed to the webhook URL.
 */
public class SandboxWebhooks {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final WebClient http;
    private final Supplier<String> webhookUrl;
    private final String secret;

    public SandboxWebhooks(WebClient.Builder http, Supplier<String> webhookUrl, String secret) {
        this.http = http.build();
        this.webhookUrl = webhookUrl;
        this.secret = secret;
    }

    public Mono<Void> send(String type, Instant created, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_sandbox_" + SandboxStripe.random(12));
        event.put("object", "event");
        event.put("api_version", SandboxStripe.apiVersion());
        event.put("created", created.getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.put("data", Map.of("object", object));
        String body = JSON.writeValueAsString(event);
        return http.post().uri(webhookUrl.get())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature(body, Instant.now()))
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(Duration.ofSeconds(10))
                .then();
    }

    String signature(String body, Instant at) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            return "t=" + t + ",v1=" + v1;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
