package com.telemed.gateway.health;

import java.util.Map;

/** The body of {@code GET /api/health}: overall status and one entry per service, in a fixed order. */
public record PlatformHealth(String status, Map<String, ServiceHealth> services) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public record ServiceHealth(String status) {
    }
}
