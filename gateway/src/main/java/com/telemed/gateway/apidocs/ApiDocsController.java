package com.telemed.gateway.apidocs;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.webjars.WebJarVersionLocator;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/openapi.json}, the merged document, and {@code GET /api/docs}, an interactive reference of it
 * (Swagger UI, served from its webjar: no third-party origin, so the page's policy can stay strict).
 */
@RestController
public class ApiDocsController {

    /** The page's own policy: scripts and styles from this origin only (Swagger UI sets some inline styles). */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";
    private static final java.util.Set<String> ASSETS = java.util.Set.of("swagger-ui.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js");

    private final ApiReference reference;
    private final String swaggerUi;

    public ApiDocsController(ApiReference reference) {
        this.reference = reference;
        String version = new WebJarVersionLocator().version("swagger-ui");
        this.swaggerUi = "META-INF/resources/webjars/swagger-ui/" + version + "/";
    }

    @GetMapping(path = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ObjectNode>> document() {
        return reference.document().map(doc -> ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(doc));
    }

    @GetMapping(path = { "/api/docs", "/api/docs/" }, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .header("Content-Security-Policy", PAGE_POLICY)
                .contentType(MediaType.TEXT_HTML)
                .body(new ClassPathResource("api-docs/index.html"));
    }

    @GetMapping("/api/docs/init.js")
    public ResponseEntity<Resource> init() {
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/javascript"))
                .body(new ClassPathResource("api-docs/init.js"));
    }

    @GetMapping("/api/docs/assets/{file}")
    public ResponseEntity<Resource> asset(@PathVariable String file) {
        if (!ASSETS.contains(file)) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = file.endsWith(".css") ? MediaType.valueOf("text/css") : MediaType.valueOf("text/javascript");
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
                .body(new ClassPathResource(swaggerUi + file));
    }
}
