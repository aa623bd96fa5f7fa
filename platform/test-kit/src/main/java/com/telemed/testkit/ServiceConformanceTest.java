package com.telemed.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * What every Telemed service must do, checked on the real service against real PostgreSQL and Kafka: health
 * with its database and broker, metrics, OpenAPI, its own migrated schema, problem+json errors, token checks and
 * request ids. A service's test extends this and adds {@link ServiceTest}.
 */
public abstract class ServiceConformanceTest {

    /** A path of the service that requires a token; it need not exist. */
    protected abstract String protectedPath();

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected Environment environment;

    @Value("${telemed.db.schema}")
    protected String schema;

    @Value("${spring.application.name}")
    protected String applicationName;

    @Test
    void readinessIncludesDatabaseAndKafka() {
        ManagementClient.of(environment).get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        ManagementClient.of(environment).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().returnResult();
    }

    /** The probes stay on the service port (devstack, gateway, Kubernetes); nothing else of management does. */
    @Test
    void servesOnlyTheProbesOnItsServicePortAndManagementOnItsOwn() {
        web.get().uri("/readyz").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/livez").exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(environment.getRequiredProperty("local.management.port"))
                .isNotEqualTo(environment.getRequiredProperty("local.server.port"));
        for (String path : List.of("/actuator/prometheus", "/actuator/health/readiness", "/actuator")) {
            web.get().uri(path).headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(401, 403, 404))
                    .expectBody().returnResult();
        }
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheApplication() {
        WebTestClient management = ManagementClient.of(environment);
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().returnResult();
        String body = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("telemed_outbox_pending").contains("application=\"" + applicationName + "\"")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    void publishesADocumentedOpenApiDocument() {
        JsonNode doc = web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("info").path("title").asString()).contains(applicationName);
        assertThat(doc.path("info").path("description").asString()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(doc.at("/components/schemas/Problem/required").toString()).contains("type", "title", "status");
        doc.path("components").path("schemas").properties().forEach(schema -> schema.getValue().path("properties")
                .propertyNames().forEach(name -> assertThat(name).as("property of %s as on the wire", schema.getKey())
                        .matches("[a-z][a-z0-9_]*")));
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            assertThat(operation.path("summary").asString()).as("summary of %s", where).isNotBlank();
            assertThat(operation.path("tags").size()).as("tags of %s", where).isEqualTo(1);
            assertThat(operation.path("parameters").findValuesAsString("name")).as("parameters of %s", where)
                    .doesNotContain("caller");
            assertThat(operation.at("/responses/400/content/application~1problem+json/schema/$ref").asString())
                    .as("400 problem of %s", where).isEqualTo("#/components/schemas/Problem");
            if (path.getKey().contains("{")) {
                assertThat(operation.at("/responses/404").isObject()).as("404 of %s", where).isTrue();
            }
        }));
    }

    @Test
    void ownsAMigratedSchemaWithOutboxInboxAndAuditLog() {
        db.sql("select table_name from information_schema.tables where table_schema = :schema")
                .bind("schema", schema)
                .map(row -> row.get("table_name", String.class))
                .all().collectList()
                .as(StepVerifier::create)
                .assertNext(tables -> assertThat(tables).contains("outbox", "inbox", "audit_log", "flyway_schema_history"))
                .verifyComplete();
    }

    @Test
    void rejectsMissingForgedUnsignedAndExpiredTokensWithProblemJson() {
        web.get().uri(protectedPath()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        for (String token : List.of(TestTokens.forged("admin", 1), TestTokens.unsigned("admin", 1),
                TestTokens.expired("admin", 1), "not-a-jwt")) {
            web.get().uri(protectedPath()).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void refusesOneStepTokensOutsideTheirOwnStep() {
        for (String role : List.of("password_change", "mfa_enrollment")) {
            web.get().uri(protectedPath()).headers(h -> h.setBearerAuth(TestTokens.mint(role, 1))).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void unknownRouteIsA404ProblemForAnAuthenticatedCaller() {
        web.get().uri("/api/v1/no-such-thing").headers(h -> h.setBearerAuth(TestTokens.mint("admin", 1))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.type").isEqualTo("https://telemed.dev/problems/not-found")
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void echoesTheCallersRequestId() {
        web.get().uri("/livez").header("X-Request-Id", "req-12345678").exchange()
                .expectHeader().valueEquals("X-Request-Id", "req-12345678");
        web.get().uri("/livez").exchange()
                .expectHeader().exists("X-Request-Id");
    }
}
