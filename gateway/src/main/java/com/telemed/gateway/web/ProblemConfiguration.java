package com.telemed.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.telemed.webkit.ProblemWriter;

import tools.jackson.databind.json.JsonMapper;

/** The gateway writes its own errors in the same problem+json shape as the services. */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }
}
