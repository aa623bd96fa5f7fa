package com.telemed.devstack;

import java.nio.file.Path;
import java.util.List;

/** One process of the platform started by the launcher: a service, the gateway or the web. */
record Component(String name, Kind kind, int port, Path artifact, String readinessPath) {

    enum Kind { SERVICE, GATEWAY, WEB }

    /** The platform in start order (they start in parallel; the order is only that of the output). */
    static List<Component> platform(Path root) {
        return List.of(
                service(root, "auth-service", 8081),
                service(root, "booking-service", 8082),
                service(root, "payment-service", 8083),
                service(root, "video-service", 8084),
                service(root, "clinical-service", 8085),
                service(root, "notification-service", 8086),
                service(root, "pdf-service", 8087),
                new Component("gateway", Kind.GATEWAY, 8080, jar(root, "gateway"), "/actuator/health"),
                new Component("web", Kind.WEB, 3000,
                        root.resolve("web/.next/standalone/server.js"), "/"));
    }

    boolean isJava() {
        return kind != Kind.WEB;
    }

    String readinessUrl() {
        return "http://127.0.0.1:" + port + readinessPath;
    }

    private static Component service(Path root, String name, int port) {
        return new Component(name, Kind.SERVICE, port, jar(root, name), "/actuator/health/readiness");
    }

    private static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
