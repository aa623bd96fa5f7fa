package com.telemed.servicekit.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import com.telemed.webkit.ProblemWriter;

import jakarta.validation.ConstraintViolationException;
import reactor.core.publisher.Mono;

/**
 * The single place where a failed request becomes an answer: always {@code application/problem+json}, never a
 * stack trace. Client mistakes keep their 4xx status; anything unexpected is logged and answered as a bare 500.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        // Before Boot's DefaultErrorWebExceptionHandler (-1).
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        return writer.write(exchange, toProblem(exchange, ex));
    }

    ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ApiException api) {
            return api.getBody();
        }
        if (ex instanceof WebExchangeBindException bind) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "validation",
                    "The request has invalid fields");
            problem.setProperty("errors", bind.getFieldErrors().stream()
                    .map(e -> Map.of("field", snakeCase(e.getField()),
                            "message", String.valueOf(e.getDefaultMessage())))
                    .toList());
            return problem;
        }
        if (ex instanceof ConstraintViolationException violations) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "validation",
                    "The request has invalid values");
            List<Map<String, String>> errors = violations.getConstraintViolations().stream()
                    .map(v -> Map.of("field", snakeCase(lastNode(v.getPropertyPath().toString())),
                            "message", v.getMessage()))
                    .toList();
            problem.setProperty("errors", errors);
            return problem;
        }
        if (ex instanceof ServerWebInputException input) {
            boolean malformed = hasCause(input, DecodingException.class);
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST,
                    malformed ? "malformed-body" : "invalid-request",
                    malformed ? "The request body is not valid JSON for this endpoint"
                            : "The request is missing a value or has one of the wrong type");
            return problem;
        }
        if (ex instanceof AuthenticationException) {
            return ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required");
        }
        if (ex instanceof AccessDeniedException) {
            return ProblemWriter.problem(HttpStatus.FORBIDDEN, "forbidden", "You may not access this resource");
        }
        if (ex instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            if (status.is5xxServerError()) {
                log.error("Request {} {} failed", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), ex);
            }
            exchange.getResponse().getHeaders().putAll(error.getHeaders());
            return ProblemWriter.problem(status, codeOf(status), detailOf(status));
        }
        log.error("Request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; the request id helps us find it");
    }

    private static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase().replace('_', '-');
    }

    private static String detailOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "No acceptable representation";
            case 415 -> "Unsupported content type; send application/json";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known == null ? "Error" : known.getReasonPhrase();
            }
        };
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
