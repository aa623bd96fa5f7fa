package com.telemed.servicekit.apidocs;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import com.telemed.webkit.PublicEndpoints;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The document-wide parts every service shares. Error answers follow one rule, the one the shared problem handler
 * implements: any operation may answer 400 (malformed or invalid input) and 503 (database or a dependency briefly
 * unavailable, with {@code Retry-After}); a protected one 401 and 403; one with a path id 404 (also what a
 * non-owner gets); one with a body 409 and 422. A status the operation documents itself is left as written.
 */
final class ApiDocument implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final PathPatternParser PATTERNS = PathPatternParser.defaultInstance;

    private final String service;
    private final String title;
    private final String description;
    private final String version;

    ApiDocument(String service, String title, String description, String version) {
        this.service = service;
        this.title = title.isBlank() ? "Telemed " + service : title;
        this.description = description.isBlank()
                ? "The " + service + " part of the Telemed API. Call it through the gateway (port 8080): "
                        + "the gateway's /api/docs shows the whole API in one reference."
                : description;
        this.version = version;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title(title).version(version).description(description));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("Access token from /api/v1/auth/login (staff) or "
                        + "/api/v1/auth/patient-login (patient); the role decides what each operation allows."));
        components.addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        // The local-mode tools (dev mailbox, sandbox checkout) are pages for people, not part of the API.
        api.getPaths().keySet().removeIf(path -> path.startsWith("/dev/"));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, HttpMethod.valueOf(method.name()), operation)));
        // Only the tags operations use (the feature tags), not one per controller class.
        api.setTags(api.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream())
                .flatMap(operation -> operation.getTags() == null ? java.util.stream.Stream.<String>empty()
                        : operation.getTags().stream())
                .distinct().sorted()
                .map(name -> new Tag().name(name))
                .toList());
    }

    private void describe(String path, HttpMethod method, Operation operation) {
        boolean open = isPublic(path, method);
        if (!open) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        } else {
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        problem(responses, "400", "The request is malformed or a value is invalid");
        if (!open) {
            problem(responses, "401", "No valid access token");
            problem(responses, "403", "The token's role may not call this operation");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No such resource, or not one the caller may see");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "409", "The request conflicts with the current state");
            problem(responses, "422", "The request is well-formed but breaks a rule");
        }
        problem(responses, "503", "Briefly unavailable; retry after the Retry-After seconds");
        // Any answer springdoc described with an untyped body becomes the shared problem shape.
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
    }

    private boolean isPublic(String path, HttpMethod method) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "1"));
        return PublicEndpoints.of(service).stream()
                .anyMatch(e -> (e.method() == null || e.method().equals(method))
                        && PATTERNS.parse(e.pattern()).matches(concrete));
    }

    private static void problem(ApiResponses responses, String status, String text) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(text).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema<?> problemSchema() {
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details. `type` ends with a stable code (e.g. slot-taken); "
                        + "validation failures add `errors`.")
                .addProperty("type", new StringSchema().format("uri").example("https://telemed.dev/problems/slot-taken"))
                .addProperty("title", new StringSchema().example("Conflict"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema().example("That time is no longer free"))
                .addProperty("instance", new StringSchema().example("/api/v1/consultations/public/book"))
                .addProperty("request_id", new StringSchema().description("Quote it when reporting a problem"));
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setRequired(List.of("type", "title", "status"));
        problem.setExtensions(Map.of());
        return problem;
    }
}
