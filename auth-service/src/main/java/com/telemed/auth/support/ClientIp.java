package com.telemed.auth.support;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The caller's address for the audit trail: the first X-Forwarded-For hop set by the gateway, else the peer. */
public final class ClientIp {

    private ClientIp() {
    }

    public static String of(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].trim();
            return first.length() > 64 ? first.substring(0, 64) : first;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
