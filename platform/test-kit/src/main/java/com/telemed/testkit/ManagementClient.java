package com.telemed.testkit;

import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client for the service's management port (actuator: health details, prometheus), which its service port never
 * serves. The port is the one the running test context chose ({@code local.management.port}).
 */
public final class ManagementClient {

    private ManagementClient() {
    }

    public static WebTestClient of(Environment environment) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + environment.getRequiredProperty("local.management.port"))
                // A prometheus scrape is large (latency histograms): read it whole.
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }
}
