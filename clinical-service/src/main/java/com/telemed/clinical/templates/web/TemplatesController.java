package com.telemed.clinical.templates.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.Medication;
import com.telemed.clinical.templates.Template;
import com.telemed.clinical.templates.Templates;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

/** The spec's template paths: {@code /api/v1/templates} and {@code /api/v1/templates/{id}}. */
@RestController
class TemplatesController {

    private final Templates templates;

    TemplatesController(Templates templates) {
        this.templates = templates;
    }

    /** A template as sent: any section may be left out. */
    record TemplateBody(String name, @Nullable String description, @Nullable String chiefComplaint,
            @Nullable String background, @Nullable String assessment, @Nullable String plan,
            @Nullable List<Allergy> allergies, @Nullable List<Medication> medications) {

        Templates.Draft draft() {
            return new Templates.Draft(name, description,
                    new ClinicalContent(chiefComplaint, background, assessment, plan, allergies, medications));
        }
    }

    @Operation(summary = "List record templates")
    @GetMapping("/api/v1/templates")
    Mono<Page<Template>> list(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return Mono.defer(() -> templates.list(caller, q, Paging.of(page, size)));
    }

    @Operation(summary = "One record template")
    @GetMapping("/api/v1/templates/{id}")
    Mono<Template> get(Caller caller, @PathVariable long id) {
        return Mono.defer(() -> templates.get(caller, id));
    }

    @Operation(summary = "Create a record template")
    @PostMapping("/api/v1/templates")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Template> create(Caller caller, @RequestBody TemplateBody body) {
        return Mono.defer(() -> templates.create(caller, body.draft()));
    }

    @Operation(summary = "Change a record template")
    @PutMapping("/api/v1/templates/{id}")
    Mono<Template> update(Caller caller, @PathVariable long id, @RequestBody TemplateBody body) {
        return Mono.defer(() -> templates.update(caller, id, body.draft()));
    }

    @Operation(summary = "Delete a record template")
    @DeleteMapping("/api/v1/templates/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable long id) {
        return Mono.defer(() -> templates.delete(caller, id));
    }
}
