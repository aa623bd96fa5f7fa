package com.telemed.notification.mailbox.web;

import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.notification.compose.Html;
import com.telemed.notification.mailbox.Links;
import com.telemed.notification.message.MessageStore;
import com.telemed.notification.message.StoredMessage;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dev mailbox, in local mode only (404 otherwise): every message this service composed, as pages for people
 * (the message's HTML shown in a sandboxed iframe, so it can run no script on the page) and as JSON for
 * end-to-end tests, which read temporary passwords and links from it.
 */
@RestController
class MailboxController {

    private static final int LIMIT = 100;
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "frame-src 'self'; base-uri 'none'; form-action 'self'";

    private final MessageStore store;
    private final boolean localMode;

    MailboxController(MessageStore store, @Value("${telemed.local-mode:false}") boolean localMode) {
        this.store = store;
        this.localMode = localMode;
    }

    record AttachmentLink(String filename, String contentType, String url) {
    }

    record MailboxMessage(long id, String to, String subject, String text, String html, List<String> links,
            Instant createdAt, String type, String status, List<AttachmentLink> attachments) {
    }

    @GetMapping(value = "/dev/mailbox/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<MailboxMessage> messages(@RequestParam(required = false) String to) {
        return open().thenMany(to == null || to.isBlank() ? store.recent(LIMIT) : store.forRecipient(to, LIMIT))
                .map(MailboxController::json);
    }

    @GetMapping(value = "/dev/mailbox/api/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<MailboxMessage> message(@PathVariable long id) {
        return open().then(found(id)).map(MailboxController::json);
    }

    @GetMapping("/dev/mailbox/api/messages/{id}/attachments/{attachmentId}")
    Mono<ResponseEntity<byte[]>> attachment(@PathVariable long id, @PathVariable long attachmentId) {
        return open().then(store.attachment(id, attachmentId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Attachment")))
                .map(a -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_TYPE, a.contentType())
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(a.filename()).build().toString())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(a.content()));
    }

    @GetMapping({ "/dev/mailbox", "/dev/mailbox/" })
    Mono<ResponseEntity<String>> inbox(@RequestParam(required = false) String to) {
        Flux<StoredMessage> messages = to == null || to.isBlank() ? store.recent(LIMIT) : store.forRecipient(to, LIMIT);
        return open().thenMany(messages).collectList().map(list -> page("Dev mailbox", listing(list, to)));
    }

    @GetMapping("/dev/mailbox/messages/{id}")
    Mono<ResponseEntity<String>> view(@PathVariable long id) {
        return open().then(found(id)).map(m -> page(m.subject(), detail(m)));
    }

    private Mono<Void> open() {
        return localMode ? Mono.empty() : Mono.error(() -> ApiException.notFound("Dev mailbox"));
    }

    private Mono<StoredMessage> found(long id) {
        return store.byId(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Message " + id)));
    }

    private static MailboxMessage json(StoredMessage m) {
        return new MailboxMessage(m.id(), m.recipient(), m.subject(), m.text(), m.html(), Links.in(m.text()),
                m.createdAt(), m.template(), m.status().dbValue(), m.attachments().stream()
                        .map(a -> new AttachmentLink(a.filename(), a.contentType(), attachmentUrl(m.id(), a.id())))
                        .toList());
    }

    private static String attachmentUrl(long messageId, long attachmentId) {
        return "/dev/mailbox/api/messages/" + messageId + "/attachments/" + attachmentId;
    }

    private static String listing(List<StoredMessage> messages, String to) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Dev mailbox</h1>");
        b.append("<form method=\"get\" action=\"/dev/mailbox\"><input type=\"email\" name=\"to\" placeholder=\"to\" value=\"")
                .append(Html.escape(to == null ? "" : to))
                .append("\"> <button type=\"submit\">Filter</button> <a href=\"/dev/mailbox\">All</a></form>");
        if (messages.isEmpty()) {
            return b.append("<p>No messages.</p>").toString();
        }
        b.append("<table><thead><tr><th>Created</th><th>To</th><th>Subject</th><th>Type</th><th>Status</th></tr></thead><tbody>");
        for (StoredMessage m : messages) {
            b.append("<tr><td>").append(Html.escape(String.valueOf(m.createdAt()))).append("</td><td>")
                    .append(Html.escape(m.recipient())).append("</td><td><a href=\"/dev/mailbox/messages/")
                    .append(m.id()).append("\">").append(Html.escape(m.subject())).append("</a></td><td>")
                    .append(Html.escape(m.template())).append("</td><td>").append(Html.escape(m.status().dbValue()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String detail(StoredMessage m) {
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/dev/mailbox\">&larr; Dev mailbox</a></p>");
        b.append("<h1>").append(Html.escape(m.subject())).append("</h1>");
        b.append("<dl><dt>To</dt><dd>").append(Html.escape(m.recipient())).append("</dd><dt>Created</dt><dd>")
                .append(Html.escape(String.valueOf(m.createdAt()))).append("</dd><dt>Type</dt><dd>")
                .append(Html.escape(m.template())).append("</dd><dt>Status</dt><dd>")
                .append(Html.escape(m.status().dbValue())).append(" (attempts: ").append(m.attempts()).append(")</dd>");
        if (m.lastError() != null && !m.lastError().isEmpty()) {
            b.append("<dt>Last error</dt><dd>").append(Html.escape(m.lastError())).append("</dd>");
        }
        b.append("</dl>");
        if (!m.attachments().isEmpty()) {
            b.append("<h2>Attachments</h2><ul>");
            m.attachments().forEach(a -> b.append("<li><a href=\"").append(attachmentUrl(m.id(), a.id()))
                    .append("\" download>").append(Html.escape(a.filename())).append("</a> (")
                    .append(Html.escape(a.contentType())).append(")</li>"));
            b.append("</ul>");
        }
        b.append("<h2>HTML</h2>");
        // srcdoc with an empty sandbox: the message renders, but it cannot run scripts or reach this page.
        b.append("<iframe sandbox=\"\" title=\"Message\" srcdoc=\"").append(Html.escape(m.html())).append("\"></iframe>");
        b.append("<h2>Text</h2><pre>").append(Html.escape(m.text())).append("</pre>");
        return b.toString();
    }

    private static ResponseEntity<String> page(String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>body{font-family:system-ui,Arial,sans-serif;margin:2rem;color:#1f2933}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem;"
                + "text-align:left}iframe{width:100%;height:520px;border:1px solid #cbd5e1}pre{white-space:pre-wrap;"
                + "background:#f8fafc;padding:1rem}dt{font-weight:bold}a{color:#0b6e69}</style></head><body>"
                + body + "</body></html>";
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PAGE_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .body(html);
    }
}
