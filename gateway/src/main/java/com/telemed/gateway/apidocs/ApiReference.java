package com.telemed.gateway.apidocs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.telemed.gateway.routing.ServiceUris;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole public API as one OpenAPI document: each service's own document (generated from its running code),
 * merged, keeping only the operations the gateway routes to that service under {@code /api/}. Built on demand and
 * kept for a minute; while a service does not answer, its part is missing and the document says which.
 */
@Component
public class ApiReference {

    private static final Logger log = LoggerFactory.getLogger(ApiReference.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, URI> documents = new LinkedHashMap<>();
    private final RouteOwners routes;
    private final JsonMapper json;
    private final WebClient client;
    private final String version;
    private final Mono<ObjectNode> cached;

    public ApiReference(ServiceUris services, GatewayProperties gateway, JsonMapper json,
            @Value("${telemed.gateway.api-docs.cache-ttl:PT60S}") Duration ttl,
            @Value("${telemed.api.version:1.0}") String version) {
        services.byName().forEach((name, base) -> documents.put(name, base.resolve("/v3/api-docs")));
        this.routes = new RouteOwners(gateway);
        this.json = json;
        this.version = version;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis())
                .responseTimeout(TIMEOUT);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        // A complete document is kept for the ttl; an incomplete one (a service down) is rebuilt on the next call.
        this.cached = Mono.defer(this::build).cache(
                doc -> doc.path("x-unavailable-services").isEmpty() ? ttl : Duration.ZERO,
                error -> Duration.ZERO, () -> Duration.ZERO);
    }

    public Mono<ObjectNode> document() {
        return cached;
    }

    private Mono<ObjectNode> build() {
        return Flux.fromIterable(documents.entrySet())
                .flatMapSequential(e -> fetch(e.getValue())
                        .map(doc -> Map.entry(e.getKey(), doc))
                        .onErrorResume(error -> {
                            log.warn("API document of {} not available: {}", e.getKey(), error.toString());
                            return Mono.just(Map.entry(e.getKey(), json.nullNode()));
                        }))
                .collectList()
                .map(this::merge);
    }

    private Mono<JsonNode> fetch(URI uri) {
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToMono(String.class)
                .timeout(TIMEOUT)
                // Once more after a pause: a pooled connection to a service that has just restarted fails once.
                .retryWhen(Retry.fixedDelay(1, Duration.ofMillis(200)))
                // Parsing (and the merge after it) is CPU work on large documents, kept off the event loop; Jackson
                // may also wait on its own lock while it first builds a deserializer.
                .publishOn(Schedulers.boundedElastic())
                .map(json::readTree);
    }

    ObjectNode merge(List<Map.Entry<String, JsonNode>> parts) {
        ApiMerge merge = new ApiMerge(json, routes::ownerOf);
        List<String> unavailable = new ArrayList<>();
        parts.forEach(part -> {
            if (part.getValue().isNull()) {
                unavailable.add(part.getKey());
            } else {
                merge.add(part.getKey(), (ObjectNode) part.getValue());
            }
        });
        return merge.result(version, unavailable);
    }
}
