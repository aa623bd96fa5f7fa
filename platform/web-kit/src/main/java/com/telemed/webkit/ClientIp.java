package com.telemed.webkit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's address as the gateway computed it (the same address its rate limiter counts): the gateway always
 * overwrites {@value #HEADER} with it, whatever the client sent, so a service can write it to the audit log. Services
 * read nothing else: {@code X-Forwarded-For} entries are chosen by the client.
 */
public final class ClientIp {

    public static final String HEADER = "X-Telemed-Client-Ip";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientIp() {
    }

    /**
     * The address in {@value #HEADER}; without a well-formed one (a request that did not come through the gateway,
     * such as a probe or a test), the connection's peer; null if neither is known.
     */
    public static String of(ServerHttpRequest request) {
        String vouched = vouched(request);
        if (vouched != null) {
            return vouched;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    /** The address in {@value #HEADER} only (what the gateway vouched for); null without a well-formed one. */
    public static String vouched(ServerHttpRequest request) {
        List<String> values = request.getHeaders().get(HEADER);
        return values != null && values.size() == 1 && isAddress(values.get(0)) ? values.get(0) : null;
    }

    /** Whether {@code value} looks like an IPv4 or IPv6 literal (and nothing else). */
    public static boolean isAddress(String value) {
        return value != null && IP_LITERAL.matcher(value).matches();
    }
}
