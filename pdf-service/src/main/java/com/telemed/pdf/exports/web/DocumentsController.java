package com.telemed.pdf.exports.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.pdf.PdfProperties;
import com.telemed.pdf.exports.Exports;
import com.telemed.pdf.owners.OwnerUnavailable;
import com.telemed.pdf.render.ClinicalDocument.Layout;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.webkit.ClientIp;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The five documents. {@code /api/v1/pdf/…} is the full archival layout; {@code /api/v1/pdf_clinica/…} the compact
 * clinical summary (and the single record). Answers are PDF attachments that are never cached, sent in chunks.
 */
@RestController
class DocumentsController {

    private static final Logger log = LoggerFactory.getLogger(DocumentsController.class);
    private static final MediaType PDF = MediaType.APPLICATION_PDF;
    private static final int CHUNK = 64 * 1024;

    private final Exports exports;
    private final Duration retryAfter;

    DocumentsController(Exports exports, PdfProperties settings) {
        this.exports = exports;
        this.retryAfter = settings.retryAfter();
    }

    @Operation(summary = "A patient's clinical history as PDF")
    @GetMapping("/api/v1/pdf/patients/{id}/history/pdf")
    Mono<ResponseEntity<Flux<DataBuffer>>> history(Caller caller, ServerHttpRequest request, @PathVariable long id) {
        return send(exports.history(requester(caller, request), id, Layout.ARCHIVAL));
    }

    @Operation(summary = "A consultation's records as PDF")
    @GetMapping("/api/v1/pdf/consultations/{id}/pdf")
    Mono<ResponseEntity<Flux<DataBuffer>>> consultation(Caller caller, ServerHttpRequest request,
            @PathVariable long id) {
        return send(exports.consultation(requester(caller, request), id, Layout.ARCHIVAL));
    }

    @Operation(summary = "One clinical record as PDF")
    @GetMapping("/api/v1/pdf_clinica/patients/{id}/complaint/{recordId}/pdf")
    Mono<ResponseEntity<Flux<DataBuffer>>> record(Caller caller, ServerHttpRequest request, @PathVariable long id,
            @PathVariable long recordId) {
        return send(exports.record(requester(caller, request), id, recordId));
    }

    @Operation(summary = "A patient's clinical history as a summary PDF")
    @GetMapping("/api/v1/pdf_clinica/patients/{id}/history/pdf")
    Mono<ResponseEntity<Flux<DataBuffer>>> historySummary(Caller caller, ServerHttpRequest request,
            @PathVariable long id) {
        return send(exports.history(requester(caller, request), id, Layout.SUMMARY));
    }

    @Operation(summary = "A consultation's records as a summary PDF")
    @GetMapping("/api/v1/pdf_clinica/consultations/{id}/pdf")
    Mono<ResponseEntity<Flux<DataBuffer>>> consultationSummary(Caller caller, ServerHttpRequest request,
            @PathVariable long id) {
        return send(exports.consultation(requester(caller, request), id, Layout.SUMMARY));
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> send(Mono<Exports.Rendered> rendered) {
        return rendered
                .onErrorMap(OwnerUnavailable.class, this::unavailable)
                .map(r -> ResponseEntity.ok()
                        .contentType(PDF)
                        .contentLength(r.pdf().length)
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(r.fileName()).build().toString())
                        .header("X-Telemed-Document-Id", r.documentId())
                        .body(chunks(r.pdf())));
    }

    private static Flux<DataBuffer> chunks(byte[] pdf) {
        return Flux.range(0, (pdf.length + CHUNK - 1) / CHUNK)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(java.nio.ByteBuffer.wrap(pdf, i * CHUNK,
                        Math.min(CHUNK, pdf.length - i * CHUNK))));
    }

    private ApiException unavailable(OwnerUnavailable e) {
        log.warn("Document refused, an owner is unavailable: {}", e.getMessage());
        ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "owner-unavailable",
                "The clinical data cannot be read right now; please try again in a moment");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        return problem;
    }

    private static Exports.Requester requester(Caller caller, ServerHttpRequest request) {
        return new Exports.Requester(caller, request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
                ClientIp.of(request));
    }
}
