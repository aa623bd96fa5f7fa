package com.telemed.servicekit.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Kafka is UP when the cluster answers a describe request in time; part of the readiness group. */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Object> adminConfig;
    private final Mono<AdminClient> admin;
    private volatile AdminClient created;

    public KafkaHealthIndicator(Map<String, Object> adminConfig) {
        super("Kafka health check failed");
        this.adminConfig = adminConfig;
        // Creating the client resolves addresses: do it once, off the event loop.
        this.admin = Mono.fromCallable(this::createClient).subscribeOn(Schedulers.boundedElastic()).cache();
    }

    private AdminClient createClient() {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        created = AdminClient.create(config);
        return created;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return admin.flatMap(client -> Mono.fromCompletionStage(() -> client
                        .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .nodes().toCompletionStage()))
                .timeout(TIMEOUT.plusSeconds(1))
                .map(nodes -> builder.up().withDetail("nodes", nodes.size()).build());
    }

    @Override
    public void destroy() {
        AdminClient client = created;
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }
}
