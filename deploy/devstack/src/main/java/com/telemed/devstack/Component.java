package com.telemed.devstack;

import java.nio.file.Path;
import java.util.List;

/** One process of the platform started by the launcher: a service, the gateway or the web. */
record Component(String name, Kind kind, int port, Path artifact, String readinessPath) {

    enum Kind { SERVICE, GATEWAY, WEB }

    /** The platform in start order (they start in parallel; the order is only that of the output). */
    static List<Component> platform(Path root, int offset) {
        return List.of(
                service(root, "auth-service", 8081 + offset),
                service(root, "booking-service", 8082 + offset),
                service(root, "payment-service", 8083 + offset),
                service(root, "video-service", 8084 + offset),
                service(root, "clinical-service", 8085 + offset),
                service(root, "notification-service", 8086 + offset),
                service(root, "pdf-service", 8087 + offset),
                new Component("gateway", Kind.GATEWAY, 8080 + offset, jar(root, "gateway"), "/actuator/health"),
                new Component("web", Kind.WEB, 3000 + offset,
                        root.resolve("web/.next/standalone/server.js"), "/"));
    }

    /** The environment variable through which the gateway and the other services find this service. */
    String uriVariable() {
        return kind == Kind.WEB ? "WEB_URI" : name.replace("-service", "").toUpperCase() + "_SERVICE_URI";
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    boolean isJava() {
        return kind != Kind.WEB;
    }

    /** Services answer {@code /readyz} on their own port; the gateway's port is all routes, so its management port. */
    String readinessUrl() {
        return "http://127.0.0.1:" + (kind == Kind.GATEWAY ? managementPort() : port) + readinessPath;
    }

    /** Actuator and metrics: the component's port + 1000 (Java components only). */
    int managementPort() {
        return port + 1000;
    }

    private static Component service(Path root, String name, int port) {
        return new Component(name, Kind.SERVICE, port, jar(root, name), "/readyz");
    }

    private static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
