package com.telemed.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

import com.telemed.webkit.ClientIp;

/**
 * The address a client is throttled by. By default the peer of the TCP connection. Behind a reverse proxy every
 * request comes from the proxy, so with {@code trustForwardedFor} the last {@code X-Forwarded-For} entry is used:
 * the one the nearest proxy appended, which the client cannot choose (entries to its left are whatever the client
 * sent). Malformed entries fall back to the peer address rather than creating arbitrary bucket keys. The same
 * address reaches the services in {@link ClientIp#HEADER} ({@link ClientIpFilter}).
 */
public class ClientAddressResolver {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final boolean trustForwardedFor;

    public ClientAddressResolver(boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    public String resolve(ServerHttpRequest request) {
        if (trustForwardedFor) {
            String forwarded = lastForwardedFor(request.getHeaders().get(X_FORWARDED_FOR));
            if (forwarded != null) {
                return forwarded;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }

    private static String lastForwardedFor(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String header = values.get(values.size() - 1);
        String last = header.substring(header.lastIndexOf(',') + 1).trim();
        return ClientIp.isAddress(last) ? last : null;
    }
}
