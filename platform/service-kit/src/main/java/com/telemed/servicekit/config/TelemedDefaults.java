package com.telemed.servicekit.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Safe local defaults shared by every service, at the lowest precedence: a service's application.yml names
 * its schema ({@code telemed.db.schema}), port and public paths; the environment overrides anything
 * (e.g. {@code TELEMED_DB_HOST}, {@code TELEMED_DB_PASSWORD}, {@code KAFKA_BOOTSTRAP_SERVERS}).
 */
public class TelemedDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "telemedDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("telemed.db.host", "localhost");
        d.put("telemed.db.port", "5432");
        d.put("telemed.db.name", "telemed");
        d.put("telemed.db.username", "telemed");
        d.put("telemed.db.password", "telemed");
        d.put("spring.r2dbc.url", "r2dbc:postgresql://${telemed.db.host}:${telemed.db.port}/${telemed.db.name}"
                + "?schema=${telemed.db.schema}");
        d.put("spring.r2dbc.username", "${telemed.db.username}");
        d.put("spring.r2dbc.password", "${telemed.db.password}");
        d.put("spring.r2dbc.pool.initial-size", "2");
        d.put("spring.r2dbc.pool.max-size", "10");
        d.put("spring.r2dbc.pool.max-acquire-time", "5s");
        d.put("spring.r2dbc.pool.max-idle-time", "10m");
        d.put("spring.flyway.url", "jdbc:postgresql://${telemed.db.host}:${telemed.db.port}/${telemed.db.name}");
        d.put("spring.flyway.user", "${telemed.db.username}");
        d.put("spring.flyway.password", "${telemed.db.password}");
        d.put("spring.flyway.schemas", "${telemed.db.schema}");
        d.put("spring.flyway.default-schema", "${telemed.db.schema}");
        d.put("spring.flyway.create-schemas", "true");
        d.put("spring.flyway.locations", "classpath:db/platform,classpath:db/migration");

        d.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        d.put("spring.kafka.client-id", "${spring.application.name}");
        d.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        d.put("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        d.put("spring.kafka.producer.acks", "all");
        d.put("spring.kafka.producer.properties.enable.idempotence", "true");
        d.put("spring.kafka.producer.properties.max.block.ms", "5000");
        d.put("spring.kafka.producer.properties.request.timeout.ms", "5000");
        d.put("spring.kafka.producer.properties.delivery.timeout.ms", "15000");
        d.put("spring.kafka.producer.properties.linger.ms", "1");
        d.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        d.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        d.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        d.put("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        // The broker answers a fetch as soon as a record arrives; how long it may hold an empty one only sets how
        // often an idle consumer asks again (the default 500 ms made idle consumers a tenth of the broker's work).
        d.put("spring.kafka.consumer.fetch-max-wait", "2s");
        d.put("spring.kafka.admin.operation-timeout", "10s");
        d.put("spring.kafka.admin.properties.request.timeout.ms", "5000");

        d.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
        d.put("spring.reactor.context-propagation", "auto");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.shutdown", "graceful");

        // Management (actuator, prometheus) on a port of its own, the service's port + 1000 (MANAGEMENT_PORT
        // overrides), never reachable through the service's public port; the probes the devstack, the gateway and
        // Kubernetes use stay on the service port as /livez and /readyz. A random service port (tests) gets a
        // random management port.
        d.put("management.server.port", "${MANAGEMENT_PORT:" + managementPort(environment) + "}");
        d.put("management.endpoint.health.probes.add-additional-paths", "true");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.endpoint.health.group.readiness.include", "readinessState,r2dbc,kafka");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        // Histogram buckets let Prometheus compute p99 latency across replicas (dashboards and alerts use it).
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        // Spring Security's observations (filter phases, authentication, authorization) only feed tracing, which
        // the platform does not run; each costs timers and tags on every request.
        d.put("management.observations.enable.spring.security", "false");

        // Build the OpenAPI document at start-up: springdoc scans the classpath, which must not happen on the event loop.
        d.put("springdoc.pre-loading-enabled", "true");

        d.put("telemed.security.jwks-uri", "http://localhost:8081/api/v1/auth/.well-known/jwks.json");
        d.put("telemed.security.issuer", "telemed-auth");
        d.put("telemed.security.audience", "telemed");

        // Local mode (make dev): sandbox checkout, dev mailbox, public development keys for anything left unset.
        d.put("telemed.local-mode", "${TELEMED_LOCAL_MODE:false}");
        d.put("telemed.crypto.dev-keys", "${telemed.local-mode}");
        d.put("telemed.crypto.pii-keys", "${TELEMED_PII_KEYS:}");
        d.put("telemed.crypto.clinical-keys", "${TELEMED_CLINICAL_KEYS:}");
        d.put("telemed.crypto.event-seal-keys", "${TELEMED_EVENT_SEAL_KEYS:}");
        d.put("telemed.crypto.blind-index-key", "${TELEMED_BLIND_INDEX_KEY:}");

        d.put("logging.pattern.correlation", "[${spring.application.name:},%X{request_id:-}] ");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, d));
    }

    /** The service port + 1000; 0 (random) when the service port is random. */
    static int managementPort(ConfigurableEnvironment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        return port <= 0 ? 0 : port + 1000;
    }
}
