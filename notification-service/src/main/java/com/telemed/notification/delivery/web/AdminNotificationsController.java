package com.telemed.notification.delivery.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.notification.delivery.DeliverySignal;
import com.telemed.notification.message.MessageStatus;
import com.telemed.notification.message.MessageStore;
import com.telemed.notification.message.MessageSummary;
import com.telemed.servicekit.audit.AuditEntry;
import com.telemed.servicekit.audit.AuditLog;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/**
 * What IT and administrators see of the send queue: messages by status (no bodies, recipient masked), the
 * failed ones with their reason, and a retry for a failed message.
 */
@RestController
@RequestMapping("/api/v1/admin/notifications")
@PreAuthorize("hasAnyRole('it_admin', 'admin')")
class AdminNotificationsController {

    private final MessageStore store;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final DeliverySignal delivery;

    AdminNotificationsController(MessageStore store, AuditLog audit, TransactionalOperator tx,
            DeliverySignal delivery) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.delivery = delivery;
    }

    record Retried(long id, String status) {
    }

    @Operation(summary = "List sent and pending messages")
    @GetMapping
    Mono<Page<MessageSummary>> list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        MessageStatus filter = null;
        if (status != null && !status.isBlank()) {
            filter = MessageStatus.parse(status).orElseThrow(() -> ApiException.badRequest("invalid-status",
                    "status must be one of queued, retrying, sent, failed"));
        }
        return page(filter, page, size);
    }

    @Operation(summary = "Messages that failed for good")
    @GetMapping("/failed")
    Mono<Page<MessageSummary>> failed(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return page(MessageStatus.FAILED, page, size);
    }

    @Operation(summary = "Send a failed message again")
    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Retried> retry(@PathVariable long id, Authentication caller) {
        Mono<Retried> work = store.requeueFailed(id).flatMap(requeued -> {
            if (requeued) {
                return audit.record(AuditEntry.success(caller.getName(), role(caller), null, "notification:" + id,
                        "retry")).thenReturn(new Retried(id, MessageStatus.QUEUED.dbValue()));
            }
            return store.exists(id).flatMap(exists -> Mono.error(exists
                    ? ApiException.conflict("not-failed", "Only a failed message can be retried")
                    : ApiException.notFound("Notification " + id)));
        });
        return tx.transactional(work).doOnSuccess(done -> delivery.wakeUp());
    }

    private Mono<Page<MessageSummary>> page(MessageStatus status, int page, int size) {
        Paging paging = Paging.of(page, size);
        return store.page(status, paging.page(), paging.size()).collectList()
                .zipWith(store.count(status), (items, total) -> Page.of(items, paging, total));
    }

    private static String role(Authentication caller) {
        return caller.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).findFirst()
                .orElse("unknown");
    }
}
