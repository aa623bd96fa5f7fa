package com.telemed.gateway.apidocs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds the services' documents into one. Paths are kept only where the gateway routes them to the service that
 * documents them; a schema name two services define differently is prefixed with the service's name (and every
 * reference to it follows); operation ids are prefixed with the service's name so they stay unique; schemas no
 * kept operation reaches are left out.
 */
final class ApiMerge {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private final JsonMapper json;
    private final Function<String, Optional<String>> ownerOf;
    private String openapiVersion = "3.1.0";
    private final Map<String, ObjectNode> paths = new TreeMap<>();
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();
    private final Map<String, JsonNode> securitySchemes = new LinkedHashMap<>();
    private final Map<String, JsonNode> tags = new TreeMap<>();

    ApiMerge(JsonMapper json, Function<String, Optional<String>> ownerOf) {
        this.json = json;
        this.ownerOf = ownerOf;
    }

    void add(String service, ObjectNode document) {
        openapiVersion = document.path("openapi").asString(openapiVersion);
        String prefix = service.replace("-service", "");
        Map<String, String> renamed = new HashMap<>();
        document.path("components").path("schemas").properties().forEach(e -> {
            JsonNode existing = schemas.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                renamed.put(e.getKey(), capitalised(prefix) + e.getKey());
            }
        });
        ObjectNode doc = (ObjectNode) rewriteRefs(document.deepCopy(), renamed);
        doc.path("components").path("schemas").properties().forEach(e ->
                schemas.putIfAbsent(renamed.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
        doc.path("components").path("securitySchemes").properties().forEach(e ->
                securitySchemes.putIfAbsent(e.getKey(), e.getValue()));
        doc.path("paths").properties().forEach(e -> {
            String path = e.getKey();
            if (!path.startsWith("/api/") || !ownerOf.apply(path).map(service::equals).orElse(false)) {
                return;
            }
            ObjectNode item = (ObjectNode) e.getValue();
            item.properties().forEach(op -> {
                if (op.getValue() instanceof ObjectNode operation) {
                    if (operation.has("operationId")) {
                        operation.put("operationId", prefix + "_" + operation.get("operationId").asString());
                    }
                    operation.path("tags").forEach(tag -> tags.putIfAbsent(tag.asString(), null));
                }
            });
            paths.merge(path, item, (a, b) -> {
                a.setAll(b);
                return a;
            });
        });
    }

    ObjectNode result(String version, List<String> unavailable) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", openapiVersion);
        ObjectNode info = root.putObject("info");
        info.put("title", "Telemed API");
        info.put("version", version);
        info.put("description", """
                The whole public API of Telemed, as clients call it through the gateway. Staff sign in at \
                /api/v1/auth/login and send the access token as `Authorization: Bearer <token>`; patients get \
                theirs from the link emailed to them (/api/v1/auth/patient-login). Every error is \
                `application/problem+json` (the `Problem` schema). Sign-in, password reset, public booking and \
                checkout are rate-limited per client address: past the limit the answer is 429 with \
                `Retry-After`. The Stripe webhook is authenticated by its `Stripe-Signature` header.""");
        root.putArray("servers").addObject().put("url", "/").put("description", "The gateway");
        ArrayNode tagList = root.putArray("tags");
        tags.forEach((name, tag) -> tagList.add(tag != null ? tag : json.createObjectNode().put("name", name)));
        ObjectNode pathNode = root.putObject("paths");
        paths.forEach(pathNode::set);
        ObjectNode components = root.putObject("components");
        ObjectNode schemaNode = components.putObject("schemas");
        reachable(pathNode).forEach(name -> {
            JsonNode schema = schemas.get(name);
            if (schema != null) {
                schemaNode.set(name, schema);
            }
        });
        ObjectNode schemeNode = components.putObject("securitySchemes");
        securitySchemes.forEach(schemeNode::set);
        if (!unavailable.isEmpty()) {
            ArrayNode missing = root.putArray("x-unavailable-services");
            unavailable.forEach(missing::add);
        }
        return root;
    }

    /** Schema names the kept paths refer to, directly or through other schemas. */
    private Set<String> reachable(JsonNode from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                    String name = ref.asString().substring(SCHEMA_REF.length());
                    if (seen.add(name) && schemas.containsKey(name)) {
                        todo.push(schemas.get(name));
                    }
                }
                node.properties().forEach(e -> todo.push(e.getValue()));
            } else if (node.isArray()) {
                node.forEach(todo::push);
            }
        }
        return new TreeSet<>(seen);
    }

    private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return node;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                String name = ref.asString().substring(SCHEMA_REF.length());
                if (renamed.containsKey(name)) {
                    object.put("$ref", SCHEMA_REF + renamed.get(name));
                }
            }
            if (object.get("schemas") instanceof ObjectNode defined) {
                for (Map.Entry<String, String> r : renamed.entrySet()) {
                    JsonNode schema = defined.remove(r.getKey());
                    if (schema != null) {
                        defined.set(r.getValue(), schema);
                    }
                }
            }
            object.properties().forEach(e -> rewriteRefs(e.getValue(), renamed));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renamed));
        }
        return node;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
