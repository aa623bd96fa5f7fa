package com.telemed.testkit;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts a service outside local mode, as production does, to see what it refuses. The production check runs
 * before any bean exists, so no database or broker is needed for a refusal.
 */
public final class ProductionStart {

    /** Starts {@code application} with {@code settings} ({@code --name=value}, above application.yml) and stops it. */
    public static void start(Class<?> application, String... settings) {
        new SpringApplicationBuilder(application)
                .properties("telemed.local-mode=false", "spring.main.banner-mode=off")
                .run(settings).close();
    }

    private ProductionStart() {
    }
}
