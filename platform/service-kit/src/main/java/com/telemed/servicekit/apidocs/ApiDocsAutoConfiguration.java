package com.telemed.servicekit.apidocs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import com.telemed.servicekit.security.Caller;

import io.swagger.v3.core.jackson.ModelResolver;

/**
 * Every service's OpenAPI document reads the same way: a title, version and description, the bearer scheme on
 * every protected operation, the shared {@code Problem} schema on every error answer, and a summary on every
 * operation (written with {@code @Operation}, or from the handler's name until someone writes one).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    static {
        // The caller comes from the access token, never from the request's parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenApiCustomizer telemedApiDocument(@Value("${spring.application.name:telemed}") String service,
            @Value("${telemed.api.title:}") String title,
            @Value("${telemed.api.description:}") String description,
            @Value("${telemed.api.version:1.0}") String version) {
        return new ApiDocument(service, title, description, version);
    }

    /**
     * Schemas named as the JSON on the wire is (snake_case): springdoc reads types through swagger-core's own
     * Jackson 2 mapper, which does not know the application's naming strategy. The same resolver marks nullable
     * and always-written properties ({@link WireShapes}).
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return WireShapes.resolver();
    }

    /** Answers require every property the service always writes (see {@link WireShapes}). */
    @Bean
    OpenApiCustomizer telemedWireShapes() {
        return new WireShapes();
    }

    @Bean
    OperationCustomizer telemedOperationSummaries() {
        return OperationSummaries::fillIn;
    }
}
