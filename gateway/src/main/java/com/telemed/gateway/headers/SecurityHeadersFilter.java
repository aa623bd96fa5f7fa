package com.telemed.gateway.headers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Security headers on every answer, the gateway's own and those it forwards:
 * <ul>
 * <li>{@code Content-Security-Policy}: the web's pages bring their own, with a nonce per response (the web's
 * {@code proxy.ts}); anything else without one (API answers, problems, assets) gets a policy that allows nothing
 * and may not be framed;</li>
 * <li>{@code Permissions-Policy}: camera, microphone and screen sharing only on the video page ({@code /video-room})
 * for this origin and the Jitsi domain, nowhere else; sensors, payment, USB and the like for no one;</li>
 * <li>{@code Strict-Transport-Security} outside local mode (the public origin is https behind the proxy);</li>
 * <li>{@code X-Content-Type-Options: nosniff}.</li>
 * </ul>
 * {@code Referrer-Policy} is left to the TLS proxy (nginx sends {@code no-referrer}): set here it would also make
 * browsers send {@code Origin: null} on same-origin form posts, which the CORS check refuses.
 */
@Component
public class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String CSP = "Content-Security-Policy";
    static final String PERMISSIONS = "Permissions-Policy";
    static final String HSTS = "Strict-Transport-Security";
    static final String VIDEO_PAGE = "/video-room";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String ALWAYS_OFF = "geolocation=(), payment=(), usb=(), serial=(), "
            + "accelerometer=(), gyroscope=(), magnetometer=()";

    private final String videoPermissions;
    private final String elsewherePermissions;
    private final boolean hsts;

    public SecurityHeadersFilter(@Value("${telemed.gateway.jitsi-domain:meet.jit.si}") String jitsiDomain,
            @Value("${telemed.local-mode:false}") boolean localMode) {
        String media = "(self \"https://" + jitsiDomain.trim() + "\")";
        this.videoPermissions = "camera=" + media + ", microphone=" + media + ", display-capture=" + media
                + ", fullscreen=" + media + ", " + ALWAYS_OFF;
        this.elsewherePermissions = "camera=(), microphone=(), display-capture=(), " + ALWAYS_OFF;
        this.hsts = !localMode;
    }

    @Override
    public int getOrder() {
        // Right after the request id: every answer, including the gateway's own refusals, gets the headers.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean videoPage = path.equals(VIDEO_PAGE) || path.startsWith(VIDEO_PAGE + "/");
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!headers.containsHeader(CSP)) {
                headers.set(CSP, API_POLICY);
            }
            headers.set(PERMISSIONS, videoPage ? videoPermissions : elsewherePermissions);
            if (hsts) {
                headers.set(HSTS, "max-age=31536000; includeSubDomains");
            }
            headers.set("X-Content-Type-Options", "nosniff");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
