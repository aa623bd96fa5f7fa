package com.telemed.webkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem as {@code application/problem+json}: {@code type, title, status, detail, instance,
 * request_id} plus any extra properties, with {@code type = https://telemed.dev/problems/<code>}. The one shape of
 * every error the gateway or a service answers itself.
 */
public class ProblemWriter {

    public static final String TYPE_BASE = "https://telemed.dev/problems/";

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(title(status));
        return problem;
    }

    public static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        return write(exchange, problem(status, code, detail));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        // An error is about this request only: no browser or proxy may cache it.
        headers.setCacheControl("no-store");
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(body(exchange, problem)));
        return response.writeWith(Mono.just(body));
    }

    public static Map<String, Object> body(ServerWebExchange exchange, ProblemDetail problem) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", problem.getType().toString());
        map.put("title", problem.getTitle() != null ? problem.getTitle()
                : title(HttpStatusCode.valueOf(problem.getStatus())));
        map.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            map.put("detail", problem.getDetail());
        }
        map.put("instance", problem.getInstance() != null ? problem.getInstance().toString()
                : exchange.getRequest().getPath().value());
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        if (requestId != null) {
            map.put("request_id", requestId);
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(map::putIfAbsent);
        }
        return map;
    }
}
