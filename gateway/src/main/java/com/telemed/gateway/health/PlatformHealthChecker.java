package com.telemed.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.telemed.gateway.health.PlatformHealth.ServiceHealth;
import com.telemed.gateway.routing.ServiceUris;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.function.Tuples;

/**
 * Asks every service's readiness ({@code /readyz}: database and Kafka) and the web's {@code /} at once, each bounded by a short timeout,
 * so the answer takes as long as the slowest probe at most, never the sum. Anything but a timely success counts as
 * DOWN: an unreachable service is as unavailable to users as a failing one.
 */
@Component
public class PlatformHealthChecker {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final String WEB = "web";

    private final Map<String, URI> probes = new LinkedHashMap<>();
    private final WebClient client;

    public PlatformHealthChecker(ServiceUris services) {
        services.byName().forEach((name, base) -> probes.put(name, resolve(base, "/readyz")));
        probes.put(WEB, resolve(services.web(), "/"));
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis())
                .responseTimeout(TIMEOUT);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    public Mono<PlatformHealth> check() {
        return Flux.fromIterable(probes.entrySet())
                .flatMap(probe -> isUp(probe.getKey(), probe.getValue()).map(up -> Tuples.of(probe.getKey(), up)))
                .collectMap(t -> t.getT1(), t -> t.getT2())
                .map(results -> {
                    Map<String, ServiceHealth> services = new LinkedHashMap<>();
                    probes.keySet().forEach(name -> services.put(name, new ServiceHealth(
                            Boolean.TRUE.equals(results.get(name)) ? PlatformHealth.UP : PlatformHealth.DOWN)));
                    boolean allUp = services.values().stream().allMatch(s -> PlatformHealth.UP.equals(s.status()));
                    return new PlatformHealth(allUp ? PlatformHealth.UP : PlatformHealth.DOWN, services);
                });
    }

    private Mono<Boolean> isUp(String name, URI uri) {
        boolean web = WEB.equals(name);
        return client.get().uri(uri)
                .accept(web ? MediaType.ALL : MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.releaseBody().thenReturn(healthy(response.statusCode(), web)))
                .timeout(TIMEOUT)
                .onErrorReturn(false);
    }

    /** Actuator answers 503 when DOWN; the web may redirect {@code /} (for example to a localised home page). */
    private static boolean healthy(HttpStatusCode status, boolean web) {
        return status.is2xxSuccessful() || (web && status.is3xxRedirection());
    }

    private static URI resolve(URI base, String path) {
        return UriComponentsBuilder.fromUri(base).replacePath(stripTrailingSlash(base.getPath()) + path).build().toUri();
    }

    private static String stripTrailingSlash(String path) {
        return path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
