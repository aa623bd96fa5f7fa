package com.telemed.gateway.apidocs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.telemed.gateway.GatewayTestSupport;

import tools.jackson.databind.JsonNode;

/** The merged API document and the reference page, from the services' own documents (WireMock stands in for them). */
class ApiReferenceIT extends GatewayTestSupport {

    private static final String BOOKING_DOC = """
            {"openapi": "3.1.0", "info": {"title": "x", "version": "1"},
             "paths": {
               "/api/v1/consultations/public/book": {"post": {"operationId": "book", "tags": ["booking · booking"],
                 "responses": {"201": {"description": "booked",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}},
               "/api/v1/doctor/patients/{id}": {"get": {"operationId": "summary", "responses": {}}},
               "/internal/thing": {"get": {"operationId": "internal", "responses": {}}}},
             "components": {"schemas": {
               "Page": {"type": "object", "properties": {"items": {"type": "array"}}},
               "Unused": {"type": "string"}},
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}""";
    private static final String CLINICAL_DOC = """
            {"openapi": "3.1.0", "info": {"title": "y", "version": "1"},
             "paths": {
               "/api/v1/doctor/patients/{patientId}/history": {"get": {"operationId": "history",
                 "tags": ["clinical · history"], "responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}},
               "/api/v1/doctor/patients/{id}": {"get": {"operationId": "summary", "tags": ["clinical · patients"],
                 "responses": {}}}},
             "components": {"schemas": {"Page": {"type": "object", "properties": {"records": {"type": "array"}}}}}}""";
    private static final String NOTIFICATION_DOC = """
            {"openapi": "3.1.0", "info": {"title": "z", "version": "1"},
             "paths": {"/dev/mailbox/api/messages": {"get": {"operationId": "messages", "responses": {}}}}}""";

    private void serveDocuments() {
        serve(BOOKING, BOOKING_DOC);
        serve(CLINICAL, CLINICAL_DOC);
        serve(NOTIFICATION, NOTIFICATION_DOC);
    }

    private static void serve(String service, String document) {
        stub(service).stubFor(get(urlEqualTo("/v3/api-docs")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(document)));
    }

    private JsonNode merged() {
        return http.get().uri("/api/openapi.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void keepsEachOperationWhereTheGatewayRoutesIt() {
        serveDocuments();
        JsonNode doc = merged();

        assertThat(doc.path("info").path("title").asString()).isEqualTo("Telemed API");
        assertThat(doc.path("paths").propertyNames()).containsExactly(
                "/api/v1/consultations/public/book",
                "/api/v1/doctor/patients/{id}",
                "/api/v1/doctor/patients/{patientId}/history");
        // booking documents the patient summary too, but the gateway sends that path to clinical-service
        assertThat(doc.at("/paths/~1api~1v1~1doctor~1patients~1{id}/get/operationId").asString())
                .isEqualTo("clinical_summary");
        assertThat(doc.at("/paths/~1api~1v1~1consultations~1public~1book/post/operationId").asString())
                .isEqualTo("booking_book");
        assertThat(doc.path("x-unavailable-services").isMissingNode()).isTrue();
    }

    @Test
    void aSchemaNameTwoServicesDefineDifferentlyIsKeptApartAndUnusedOnesAreDropped() {
        serveDocuments();
        JsonNode doc = merged();

        assertThat(doc.path("components").path("schemas").propertyNames())
                .containsExactlyInAnyOrder("Page", "ClinicalPage");
        assertThat(doc.at("/paths/~1api~1v1~1doctor~1patients~1{patientId}~1history/get/responses/200/content"
                + "/application~1json/schema/$ref").asString()).isEqualTo("#/components/schemas/ClinicalPage");
        assertThat(doc.at("/components/schemas/ClinicalPage/properties/records").isObject()).isTrue();
        assertThat(doc.at("/components/schemas/Page/properties/items").isObject()).isTrue();
        assertThat(doc.path("tags").findValuesAsString("name"))
                .containsExactly("booking · booking", "clinical · history", "clinical · patients");
    }

    @Test
    void saysWhichServicesAreMissingWhileOneIsDown() {
        serveDocuments();
        stub(CLINICAL).stop();

        JsonNode doc = merged();

        assertThat(doc.path("x-unavailable-services").findValuesAsString("")).isEmpty();
        assertThat(doc.path("x-unavailable-services").toString()).contains("clinical-service");
        assertThat(doc.path("paths").propertyNames()).containsExactly("/api/v1/consultations/public/book");
    }

    @Test
    void theReferencePageLoadsItsAssetsFromThisOriginOnly() {
        String page = http.get().uri("/api/docs").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", ApiDocsController.PAGE_POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/init.js")
                .doesNotContain("https://");
        http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/api/docs/assets/swagger-ui-bundle.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("SwaggerUIBundle"));
        http.get().uri("/api/docs/init.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("/api/openapi.json"));
        http.get().uri("/api/docs/assets/../application.yml").exchange().expectStatus().is4xxClientError();
        http.get().uri("/api/docs/assets/index.html").exchange().expectStatus().isNotFound();
    }
}
