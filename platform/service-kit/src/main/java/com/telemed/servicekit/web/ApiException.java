package com.telemed.servicekit.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.telemed.webkit.ProblemWriter;

/**
 * An error a service means to return: answered as {@code application/problem+json} with a stable {@code type}
 * ({@code https://telemed.dev/problems/<code>}), a title and a detail safe to show to the caller.
 */
public class ApiException extends ErrorResponseException {

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(status, problem(status, code, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemWriter.problem(status, code, detail);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "You may not access this resource");
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }
}
