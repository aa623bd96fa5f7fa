package com.telemed.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a component whether it is ready: services answer {@code /readyz} on their own port, the gateway
 * {@code /actuator/health} on its management port (port + 1000) (both 200 with status UP), the web its home page (200).
 */
final class ReadinessProbe {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    boolean isReady(Component component) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(component.readinessUrl()))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            return component.kind() == Component.Kind.WEB
                    || response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
