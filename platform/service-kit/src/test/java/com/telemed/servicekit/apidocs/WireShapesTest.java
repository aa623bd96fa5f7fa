package com.telemed.servicekit.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.constraints.NotBlank;

class WireShapesTest {

    record Author(long id, String fullName) {
    }

    record Answer(long id, String title, @Nullable String note, Optional<Instant> signedAt, Author author,
            @Nullable Author reviewer, List<Author> coAuthors, @JsonProperty("when") Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sparse(String token, @Nullable String mfaToken, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String hint) {
    }

    record Body(@NotBlank String title, @Nullable String note, List<String> tags) {
    }

    record Part(String label) {
    }

    record Shared(@NotBlank String name, @Nullable String note, Part part) {
    }

    record Wrapper(List<Shared> shared) {
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> resolveAll(Class<?>... types) {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(WireShapes.resolver());
        Map<String, Schema> all = new java.util.LinkedHashMap<>();
        for (Class<?> type : types) {
            all.putAll(converters.readAll(type));
        }
        return all;
    }

    @SuppressWarnings("rawtypes")
    private static OpenAPI documentOf(Map<String, Schema> schemas) {
        Operation read = new Operation().responses(new ApiResponses()
                .addApiResponse("200", json("Answer"))
                .addApiResponse("201", json("Sparse"))
                .addApiResponse("400", json("Body")));
        Operation write = new Operation()
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Body")))))
                .responses(new ApiResponses().addApiResponse("204", new ApiResponse().description("done")));
        return new OpenAPI().components(new Components().schemas(schemas))
                .paths(new Paths().addPathItem("/things", new PathItem().get(read).post(write)));
    }

    private static ApiResponse json(String schema) {
        return new ApiResponse().content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void nullableComponentsAdmitNullAndEveryWrittenPropertyOfAnAnswerIsRequired() {
        Map<String, Schema> schemas = resolveAll(Answer.class, Sparse.class, Body.class);
        new WireShapes().customise(documentOf(schemas));

        Schema answer = schemas.get("Answer");
        assertThat(answer.getRequired()).containsExactlyInAnyOrder("id", "title", "note", "signed_at", "author",
                "reviewer", "co_authors", "when");
        Map<String, Schema> props = answer.getProperties();
        assertThat(props.get("note").getTypes()).containsExactly("string", "null");
        assertThat(props.get("title").getTypes()).containsExactly("string");
        assertThat(props.get("signed_at").getTypes()).contains("null");
        assertThat(props.get("author").get$ref()).endsWith("/Author");
        assertThat(props.get("reviewer").getAnyOf()).hasSize(2);
        assertThat(((Schema) props.get("reviewer").getAnyOf().get(1)).getTypes()).containsExactly("null");
        // nested records are shaped too, and the transient note never reaches the document
        assertThat(schemas.get("Author").getRequired()).containsExactlyInAnyOrder("id", "full_name");
        assertThat(schemas.values()).allSatisfy(s -> assertThat(s.getExtensions()).isNull());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void nullsLeftOutAreNotRequired() {
        Map<String, Schema> schemas = resolveAll(Sparse.class);
        new WireShapes().customise(documentOf(schemas));

        assertThat(schemas.get("Sparse").getRequired()).containsExactlyInAnyOrder("token", "hint");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void requestBodiesKeepWhatValidationRequires() {
        Map<String, Schema> schemas = resolveAll(Body.class);
        new WireShapes().customise(documentOf(schemas));

        Schema body = schemas.get("Body");
        assertThat(body.getRequired()).containsExactly("title");
        assertThat(((Schema) body.getProperties().get("note")).getTypes()).containsExactly("string", "null");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void writtenAsOpenApi31() throws Exception {
        Map<String, Schema> schemas = resolveAll(Answer.class);
        new WireShapes().customise(documentOf(schemas));

        String json = Json31.mapper().writeValueAsString(schemas.get("Answer"));
        assertThat(json).contains("\"note\":{\"type\":[\"string\",\"null\"]}");
        assertThat(json).contains("\"required\":[");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aRecordUsedBothWaysGetsACopyForRequestBodies() throws Exception {
        Map<String, Schema> schemas = resolveAll(Shared.class, Wrapper.class);
        Operation put = new Operation()
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Wrapper")))))
                .responses(new ApiResponses().addApiResponse("200", json("Shared")));
        OpenAPI api = new OpenAPI().components(new Components().schemas(schemas))
                .paths(new Paths().addPathItem("/shared", new PathItem().put(put)));
        new WireShapes().customise(api);

        assertThat(schemas.get("Shared").getRequired()).containsExactlyInAnyOrder("name", "note", "part");
        assertThat(schemas.get("Part").getRequired()).containsExactly("label");
        assertThat(schemas.get("SharedInput").getRequired()).containsExactly("name");
        assertThat(schemas.get("PartInput").getRequired()).isNull();
        assertThat(((Schema) schemas.get("SharedInput").getProperties().get("note")).getTypes())
                .containsExactly("string", "null");
        assertThat(((Schema) schemas.get("SharedInput").getProperties().get("part")).get$ref()).endsWith("/PartInput");
        assertThat(((Schema) schemas.get("Wrapper").getProperties().get("shared")).getItems().get$ref())
                .endsWith("/SharedInput");
        assertThat(((Schema) schemas.get("Shared").getProperties().get("part")).get$ref()).endsWith("/Part");
        assertThat(schemas.values()).allSatisfy(s -> assertThat(s.getExtensions()).isNull());
    }
}
