package com.telemed.servicekit.web;

import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import com.telemed.webkit.ProblemWriter;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import jakarta.validation.ConstraintViolationException;
import reactor.core.publisher.Mono;

/**
 * The single place where a failed request becomes an answer: always {@code application/problem+json}, never a
 * stack trace. Client mistakes keep their 4xx status; a database out of reach or out of connections is a 503 with
 * {@code Retry-After}; a client that went away gets nothing (and no error in the log); anything else unexpected is
 * logged and answered as a bare 500.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final String RETRY_AFTER_SECONDS = "2";

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
        if (clientWentAway(ex)) {
            // Nobody is left to answer; the request's transaction (if any) was rolled back by the cancellation.
            log.debug("Client closed the connection during {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath());
            return Mono.empty();
        }
        return writer.write(exchange, toProblem(exchange, ex));
    }

    /** Failures that say the database is out of reach or out of connections right now: retry shortly. */
    static boolean temporarilyUnavailable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof R2dbcTransientException
                    || t instanceof R2dbcNonTransientResourceException || t instanceof TimeoutException
                    || named(t, "reactor.pool.PoolAcquireTimeoutException")
                    || named(t, "reactor.pool.PoolAcquirePendingLimitException")) {
                return true;
            }
        }
        return false;
    }

    static boolean clientWentAway(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (named(t, "reactor.netty.channel.AbortedException") || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ApiException api) {
            // Headers the service chose (e.g. Retry-After on a 503) go out with the problem.
            exchange.getResponse().getHeaders().putAll(api.getHeaders());
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
        if (temporarilyUnavailable(ex)) {
            log.warn("Request {} {} refused, database busy or unreachable: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                    "The service is busy or briefly unavailable; please try again in a moment");
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
