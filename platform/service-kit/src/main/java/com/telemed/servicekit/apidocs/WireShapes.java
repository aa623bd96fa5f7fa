package com.telemed.servicekit.apidocs;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Which properties of a schema are always on the wire and which may be null, read from the Java records the
 * services write — one rule for every service:
 * <ul>
 * <li>a record component is <em>nullable</em> when it is annotated {@code @Nullable} (jspecify, or any annotation
 * of that name) or is an {@code Optional}; the schema says so with OpenAPI 3.1's {@code type: [..., "null"]} (or
 * {@code anyOf} with {@code null} around a {@code $ref}). Primitives and unannotated components are never null.</li>
 * <li>the services write nulls (Jackson's default inclusion), so in an <em>answer</em> every component is present
 * and {@code required}, unless it is nullable and its {@code @JsonInclude} (on the component or the record) leaves
 * nulls out.</li>
 * <li>a request body is read, not written: its {@code required} stays what bean validation says ({@code @NotNull},
 * {@code @NotBlank}…), since an absent property is what the validation refuses.</li>
 * <li>a record used both ways (the agenda's profile, an allergy) becomes two schemas: {@code Profile} as answered,
 * and {@code ProfileInput}, what request bodies refer to, with the request's rule.</li>
 * </ul>
 * The resolver knows the Java types but not where a schema is used; the document knows where but not the types, so
 * the resolver leaves the always-written properties in a transient extension that {@link #customise} turns into
 * {@code required} for answers and removes.
 */
final class WireShapes implements OpenApiCustomizer {

    static final String WRITTEN = "x-telemed-always-written";
    static final String INPUT = "Input";
    private static final String SCHEMAS = "#/components/schemas/";

    /** swagger-core's resolver (snake_case names) that also marks nullable properties and the written ones. */
    static ModelResolver resolver() {
        ObjectMapper mapper = io.swagger.v3.core.util.Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper) {
            @Override
            public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                Schema<?> resolved = super.resolve(type, context, chain);
                Class<?> raw = type.getType() == null ? null : _mapper.constructType(type.getType()).getRawClass();
                if (resolved != null && raw != null && raw.isRecord()) {
                    Schema<?> model = resolved.get$ref() == null ? resolved
                            : context.getDefinedModels().get(resolved.get$ref().replace(SCHEMAS, ""));
                    if (model != null) {
                        shape(raw, model);
                    }
                }
                return resolved;
            }
        };
    }

    /** Marks the nullable properties of {@code record}'s schema and notes those every answer writes. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static void shape(Class<?> record, Schema<?> model) {
        Map<String, Schema> properties = model.getProperties();
        if (properties == null || model.getExtensions() != null && model.getExtensions().containsKey(WRITTEN)) {
            return;
        }
        JsonInclude.Include recordInclusion = inclusion(record);
        List<String> written = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = wireName(component);
            Schema property = properties.get(name);
            if (property == null) {
                continue;
            }
            boolean nullable = isNullable(component);
            if (nullable) {
                properties.put(name, orNull(property));
            }
            JsonInclude.Include own = inclusion(component);
            JsonInclude.Include effective = own == null || own == JsonInclude.Include.USE_DEFAULTS ? recordInclusion : own;
            if (!nullable || effective == null || effective == JsonInclude.Include.ALWAYS
                    || effective == JsonInclude.Include.USE_DEFAULTS) {
                written.add(name);
            }
        }
        model.addExtension(WRITTEN, written);
    }

    /**
     * Answers' schemas (reachable from a 2xx response) require every property the resolver noted as always written;
     * request bodies refer to copies of the records they share with answers; the transient note is removed.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> answers = new HashSet<>();
        Set<String> requests = new HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null) {
                    reach(operation.getRequestBody().getContent(), schemas, requests);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("2")) {
                            reach(response.getContent(), schemas, answers);
                        }
                    });
                }
            }));
        }
        // Records used both ways: request bodies get their own copy, so the answer's schema can require more.
        Map<String, String> inputs = new java.util.TreeMap<>();
        answers.stream().filter(requests::contains).filter(name -> isRecord(schemas.get(name)))
                .filter(name -> !schemas.containsKey(name + INPUT))
                .forEach(name -> inputs.put(name, name + INPUT));
        inputs.forEach((name, input) -> schemas.put(input, copy(schemas.get(name))));
        if (!inputs.isEmpty()) {
            requests.forEach(name -> retarget(schemas.get(inputs.getOrDefault(name, name)), inputs));
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> retarget(media.getSchema(), inputs));
                }
            }));
        }
        schemas.forEach((name, schema) -> {
            if (!isRecord(schema)) {
                return;
            }
            List<String> written = (List<String>) schema.getExtensions().remove(WRITTEN);
            if (schema.getExtensions().isEmpty()) {
                schema.setExtensions(null);
            }
            boolean answer = answers.contains(name) && (!requests.contains(name) || inputs.containsKey(name));
            if (answer) {
                Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
                required.addAll(written);
                schema.setRequired(new ArrayList<>(required));
            }
        });
    }

    private static boolean isRecord(Schema<?> schema) {
        return schema != null && schema.getExtensions() != null && schema.getExtensions().containsKey(WRITTEN);
    }

    /** A deep copy, through the JSON the document is written as. */
    @SuppressWarnings("rawtypes")
    private static Schema copy(Schema schema) {
        return Json31.mapper().convertValue(schema, Schema.class);
    }

    /** Points the references inside {@code schema} (not through other schemas) at the request bodies' copies. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void retarget(Schema schema, Map<String, String> inputs) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().replace(SCHEMAS, "");
            if (inputs.containsKey(name)) {
                schema.set$ref(SCHEMAS + inputs.get(name));
            }
            return;
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> retarget(p, inputs));
        }
        retarget(schema.getItems(), inputs);
        if (schema.getAdditionalProperties() instanceof Schema extra) {
            retarget(extra, inputs);
        }
        for (List<Schema> group : Arrays.asList(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())) {
            if (group != null) {
                group.forEach(s -> retarget(s, inputs));
            }
        }
    }

    static boolean isNullable(RecordComponent component) {
        return Optional.class.isAssignableFrom(component.getType())
                || namedNullable(component.getAnnotations())
                || namedNullable(component.getAnnotatedType().getAnnotations())
                || component.getAccessor() != null && namedNullable(component.getAccessor().getAnnotations());
    }

    private static boolean namedNullable(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
    }

    private static JsonInclude.Include inclusion(AnnotatedElement element) {
        JsonInclude include = element.getAnnotation(JsonInclude.class);
        return include == null ? null : include.value();
    }

    private static JsonInclude.Include inclusion(RecordComponent component) {
        JsonInclude.Include own = inclusion((AnnotatedElement) component);
        if (own == null && component.getAccessor() != null) {
            own = inclusion(component.getAccessor());
        }
        return own;
    }

    private static String wireName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null && component.getAccessor() != null) {
            // the annotation does not target record components: Java leaves it on the accessor
            property = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema orNull(Schema property) {
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().types(new LinkedHashSet<>(List.of("null")))));
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return property; // an untyped property already admits null
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> into) {
        if (content != null) {
            content.values().forEach(media -> walk(media.getSchema(), schemas, into));
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void walk(Schema schema, Map<String, Schema> schemas, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().replace(SCHEMAS, "");
            if (into.add(name)) {
                walk(schemas.get(name), schemas, into);
            }
            return;
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> walk(p, schemas, into));
        }
        walk(schema.getItems(), schemas, into);
        if (schema.getAdditionalProperties() instanceof Schema extra) {
            walk(extra, schemas, into);
        }
        for (List<Schema> group : Arrays.asList(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())) {
            if (group != null) {
                group.forEach(s -> walk(s, schemas, into));
            }
        }
    }
}
