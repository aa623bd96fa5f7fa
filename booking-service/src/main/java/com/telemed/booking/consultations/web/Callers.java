package com.telemed.booking.consultations.web;

import org.springframework.http.server.reactive.ServerHttpRequest;

final class Callers {

    private Callers() {
    }

    /** The client address: the first X-Forwarded-For hop set by the gateway, else the socket's. */
    static String clientIp(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.getRemoteAddress() == null ? null : request.getRemoteAddress().getAddress().getHostAddress();
    }
}
