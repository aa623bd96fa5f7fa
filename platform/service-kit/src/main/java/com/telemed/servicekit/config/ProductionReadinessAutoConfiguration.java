package com.telemed.servicekit.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers {@link ProductionReadiness}: every service refuses development defaults outside local mode. */
@AutoConfiguration
public class ProductionReadinessAutoConfiguration {

    @Bean
    static ProductionReadiness productionReadiness() {
        return new ProductionReadiness();
    }
}
