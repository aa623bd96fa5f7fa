package com.telemed.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own errors as RFC 9457 {@code application/problem+json}, in the same shape the services
 * use: {@code type, title, status, detail, instance, request_id}. Responses of services pass through the gateway
 * untouched and never come here.
 */
@Component
public class ProblemWriter {

    public static final String TYPE_BASE = "https://telemed.dev/problems/";

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        // A problem produced here must not be cached by a browser or an intermediate proxy.
        headers.setCacheControl("no-store");
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(body(exchange, status, code, detail)));
        return response.writeWith(Mono.just(body));
    }

    static Map<String, Object> body(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", TYPE_BASE + code);
        map.put("title", title(status));
        map.put("status", status.value());
        map.put("detail", detail);
        map.put("instance", exchange.getRequest().getPath().value());
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            map.put("request_id", requestId);
        }
        return map;
    }

    static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }
}
