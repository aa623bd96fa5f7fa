package com.telemed.webkit;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

import io.micrometer.context.ContextRegistry;

/**
 * The {@code X-Request-Id} that follows a request from the gateway through every service and into their logs
 * ({@code request_id} in the MDC) and problem responses.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the request's id. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /** Key in the Reactor context and in the logging MDC. */
    public static final String MDC_KEY = "request_id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    static {
        // With spring.reactor.context-propagation=auto, whatever logs inside the request sees the id in its MDC.
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY),
                value -> MDC.put(MDC_KEY, value), () -> MDC.remove(MDC_KEY));
    }

    private RequestIds() {
    }

    /** Keeps a caller's id when it is safe to log and echo; anything else is replaced by a new UUID. */
    public static String resolve(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
