package com.telemed.notification.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.BlindIndex;
import com.telemed.servicekit.crypto.FieldCipher;
import com.telemed.work.LeasedQueue;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code messages} table: the durable send queue, the dev mailbox and the admin view. Personal data and
 * secrets are encrypted before they are written and decrypted when read; the recipient is found through its
 * blind index. Runs in the caller's transaction when there is one (the inbox's, for new messages).
 */
@Component
public class MessageStore {

    private final DatabaseClient db;
    private final FieldCipher cipher;
    private final BlindIndex index;
    private final LeasedQueue queue;

    public MessageStore(DatabaseClient db, FieldCipher piiCipher, BlindIndex recipientIndex) {
        this.db = db;
        this.cipher = piiCipher;
        this.index = recipientIndex;
        this.queue = new LeasedQueue(db, "messages", List.of("queued", "retrying"), "retrying", "failed");
    }

    /** Queues a message once; emits false when this event already produced it for this recipient. */
    public Mono<Boolean> enqueue(NewMessage message) {
        return db.sql("""
                        insert into messages (event_id, event_type, event_at, template, recipient_index, recipient,
                                              locale, subject, body_text, body_html)
                        values (:eventId, :eventType, :eventAt, :template, :index, :recipient, :locale, :subject,
                                :text, :html)
                        on conflict on constraint messages_once do nothing
                        returning id""")
                .bind("eventId", message.eventId())
                .bind("eventType", message.eventType())
                .bind("eventAt", message.eventAt())
                .bind("template", message.template())
                .bind("index", index.ofEmail(message.recipient()))
                .bind("recipient", cipher.encrypt(message.recipient().trim(), "messages.recipient"))
                .bind("locale", message.locale())
                .bind("subject", cipher.encrypt(message.subject(), "messages.subject"))
                .bind("text", cipher.encrypt(message.text(), "messages.body_text"))
                .bind("html", cipher.encrypt(message.html(), "messages.body_html"))
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(id -> Flux.fromIterable(message.attachments())
                        .concatMap(attachment -> insertAttachment(id, attachment))
                        .then(Mono.just(true)))
                .defaultIfEmpty(false);
    }

    private Mono<Long> insertAttachment(long messageId, Attachment attachment) {
        return db.sql("""
                        insert into message_attachments (message_id, filename, content_type, content)
                        values (:messageId, :filename, :contentType, :content)""")
                .bind("messageId", messageId)
                .bind("filename", attachment.filename())
                .bind("contentType", attachment.contentType())
                .bind("content", cipher.encrypt(Base64.getEncoder().encodeToString(attachment.content()),
                        "message_attachments.content"))
                .fetch().rowsUpdated();
    }

    /**
     * The send queue: {@code queued} or {@code retrying} until sent or failed; the worker retries, gives back and
     * fails messages through it.
     */
    public LeasedQueue queue() {
        return queue;
    }

    /**
     * Claims up to {@code limit} due messages for one worker: each counts an attempt and is reserved for
     * {@code lease}, so a worker that dies mid-send leaves it to be picked up again once the lease runs out.
     */
    public Mono<List<Outgoing>> claimDue(int limit, Duration lease) {
        return queue.claimDue(limit, lease, "q.id, q.template, q.recipient, q.subject, q.body_text, q.body_html,"
                        + " q.attempts, q.event_at", this::readOutgoing)
                .flatMap(this::withAttachments);
    }

    /**
     * A row that no configured key opens (a key retired too early) must not stall the queue: it comes back
     * without content, and the worker marks it failed.
     */
    private Outgoing readOutgoing(Readable row) {
        long id = row.get("id", Long.class);
        String template = row.get("template", String.class);
        int attempts = row.get("attempts", Integer.class);
        Instant eventAt = row.get("event_at", Instant.class);
        try {
            return new Outgoing(id, template,
                    cipher.decrypt(row.get("recipient", String.class), "messages.recipient"),
                    cipher.decrypt(row.get("subject", String.class), "messages.subject"),
                    cipher.decrypt(row.get("body_text", String.class), "messages.body_text"),
                    cipher.decrypt(row.get("body_html", String.class), "messages.body_html"),
                    List.of(), attempts, eventAt);
        } catch (FieldCipher.CipherFailure e) {
            return Outgoing.unreadable(id, template, attempts, eventAt);
        }
    }

    private Mono<List<Outgoing>> withAttachments(List<Outgoing> claimed) {
        if (claimed.isEmpty()) {
            return Mono.just(claimed);
        }
        Long[] ids = claimed.stream().map(Outgoing::id).toArray(Long[]::new);
        return db.sql("""
                        select message_id, filename, content_type, content from message_attachments
                         where message_id = any(:ids) order by id""")
                .bind("ids", ids)
                .map(row -> {
                    long messageId = row.get("message_id", Long.class);
                    try {
                        return Map.entry(messageId, Optional.of(readAttachment(row)));
                    } catch (FieldCipher.CipherFailure e) {
                        return Map.entry(messageId, Optional.<Attachment>empty());
                    }
                })
                .all()
                .collectList()
                .map(rows -> {
                    Map<Long, List<Optional<Attachment>>> byMessage = new HashMap<>();
                    rows.forEach(e -> byMessage.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                    return claimed.stream().map(m -> {
                        List<Optional<Attachment>> found = byMessage.getOrDefault(m.id(), List.of());
                        if (!m.readable() || found.stream().anyMatch(Optional::isEmpty)) {
                            return Outgoing.unreadable(m.id(), m.template(), m.attempts(), m.eventAt());
                        }
                        return new Outgoing(m.id(), m.template(), m.recipient(), m.subject(), m.text(), m.html(),
                                found.stream().map(Optional::get).toList(), m.attempts(), m.eventAt());
                    }).toList();
                });
    }

    private Attachment readAttachment(Readable row) {
        byte[] content = Base64.getDecoder().decode(
                cipher.decrypt(row.get("content", String.class), "message_attachments.content"));
        return new Attachment(row.get("filename", String.class), row.get("content_type", String.class), content);
    }

    /** Marks many messages sent in one statement: {@code providerIds} lines up with {@code ids}. */
    public Mono<Void> markSent(Long[] ids, String[] providerIds) {
        if (ids.length == 0) {
            return Mono.empty();
        }
        return db.sql("""
                        update messages m set status = 'sent', sent_at = now(), provider_id = d.provider_id,
                               last_error = null
                          from (select unnest(:ids::bigint[]) as id, unnest(:providerIds::text[]) as provider_id) d
                         where m.id = d.id""")
                .bind("ids", ids)
                .bind("providerIds", providerIds)
                .fetch().rowsUpdated().then();
    }

    /** Puts a failed message back in the queue; emits false when there is no failed message with that id. */
    public Mono<Boolean> requeueFailed(long id) {
        return db.sql("""
                        update messages set status = 'queued', attempts = 0, next_attempt_at = now()
                         where id = :id and status = 'failed'""")
                .bind("id", id)
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    public Mono<Boolean> exists(long id) {
        return db.sql("select 1 from messages where id = :id").bind("id", id).fetch().first().hasElement();
    }

    /** Messages waiting to be sent (queued or retrying) and messages that failed for good. */
    public Mono<QueueCounts> counts() {
        return db.sql("""
                        select count(*) filter (where status in ('queued', 'retrying')) as waiting,
                               count(*) filter (where status = 'failed') as failed
                          from messages""")
                .map(row -> new QueueCounts(row.get("waiting", Long.class), row.get("failed", Long.class)))
                .one();
    }

    public record QueueCounts(long waiting, long failed) {
    }

    // --- reading -----------------------------------------------------------------------------------------------

    public Flux<StoredMessage> forRecipient(String email, int limit) {
        return withAttachmentInfos(db.sql(SELECT + " where recipient_index = :index order by id desc limit :limit")
                .bind("index", index.ofEmail(email))
                .bind("limit", limit)
                .map(this::readStored).all());
    }

    public Flux<StoredMessage> recent(int limit) {
        return withAttachmentInfos(db.sql(SELECT + " order by id desc limit :limit")
                .bind("limit", limit)
                .map(this::readStored).all());
    }

    public Mono<StoredMessage> byId(long id) {
        return withAttachmentInfos(db.sql(SELECT + " where id = :id").bind("id", id).map(this::readStored).all())
                .next();
    }

    public Mono<Attachment> attachment(long messageId, long attachmentId) {
        return db.sql("""
                        select filename, content_type, content from message_attachments
                         where id = :id and message_id = :messageId""")
                .bind("id", attachmentId)
                .bind("messageId", messageId)
                .map(this::readAttachment)
                .one();
    }

    public Flux<MessageSummary> page(MessageStatus status, int page, int size) {
        String where = status == null ? "" : " where status = :status";
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                select id, template, event_type, recipient, locale, status, attempts, last_error, created_at,
                       next_attempt_at, sent_at
                  from messages""" + where + " order by id desc limit :limit offset :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        if (status != null) {
            spec = spec.bind("status", status.dbValue());
        }
        return spec.map(row -> {
            MessageStatus current = MessageStatus.fromDb(row.get("status", String.class));
            boolean waiting = current == MessageStatus.QUEUED || current == MessageStatus.RETRYING;
            return new MessageSummary(row.get("id", Long.class), row.get("template", String.class),
                    row.get("event_type", String.class),
                    masked(readable(row.get("recipient", String.class), "messages.recipient")),
                    row.get("locale", String.class), current.dbValue(), row.get("attempts", Integer.class),
                    row.get("last_error", String.class), row.get("created_at", Instant.class),
                    waiting ? row.get("next_attempt_at", Instant.class) : null, row.get("sent_at", Instant.class));
        }).all();
    }

    public Mono<Long> count(MessageStatus status) {
        String where = status == null ? "" : " where status = :status";
        DatabaseClient.GenericExecuteSpec spec = db.sql("select count(*) as n from messages" + where);
        if (status != null) {
            spec = spec.bind("status", status.dbValue());
        }
        return spec.map(row -> row.get("n", Long.class)).one();
    }

    private static final String SELECT = """
            select id, template, event_type, recipient, locale, subject, body_text, body_html, status, attempts,
                   last_error, created_at, sent_at, event_at
              from messages""";

    private StoredMessage readStored(Readable row) {
        return new StoredMessage(row.get("id", Long.class), row.get("template", String.class),
                row.get("event_type", String.class),
                readable(row.get("recipient", String.class), "messages.recipient"),
                row.get("locale", String.class),
                readable(row.get("subject", String.class), "messages.subject"),
                readable(row.get("body_text", String.class), "messages.body_text"),
                readable(row.get("body_html", String.class), "messages.body_html"),
                MessageStatus.fromDb(row.get("status", String.class)), row.get("attempts", Integer.class),
                row.get("last_error", String.class), row.get("created_at", Instant.class),
                row.get("sent_at", Instant.class), row.get("event_at", Instant.class), List.of());
    }

    /** For people reading the queue: a value no configured key opens shows as such instead of failing the page. */
    private String readable(String ciphertext, String column) {
        try {
            return cipher.decrypt(ciphertext, column);
        } catch (FieldCipher.CipherFailure e) {
            return UNREADABLE;
        }
    }

    private static final String UNREADABLE = "(cannot be decrypted)";

    private static String masked(String recipient) {
        return UNREADABLE.equals(recipient) ? UNREADABLE : Recipients.mask(recipient);
    }

    private Flux<StoredMessage> withAttachmentInfos(Flux<StoredMessage> messages) {
        return messages.collectList().flatMapMany(list -> {
            if (list.isEmpty()) {
                return Flux.empty();
            }
            Long[] ids = list.stream().map(StoredMessage::id).toArray(Long[]::new);
            return db.sql("""
                            select id, message_id, filename, content_type from message_attachments
                             where message_id = any(:ids) order by id""")
                    .bind("ids", ids)
                    .map(row -> Map.entry(row.get("message_id", Long.class), new StoredMessage.AttachmentInfo(
                            row.get("id", Long.class), row.get("filename", String.class),
                            row.get("content_type", String.class))))
                    .all()
                    .collectList()
                    .flatMapMany(rows -> {
                        Map<Long, List<StoredMessage.AttachmentInfo>> byMessage = new HashMap<>();
                        rows.forEach(e -> byMessage.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                        return Flux.fromIterable(list).map(m -> new StoredMessage(m.id(), m.template(), m.eventType(),
                                m.recipient(), m.locale(), m.subject(), m.text(), m.html(), m.status(), m.attempts(),
                                m.lastError(), m.createdAt(), m.sentAt(), m.eventAt(),
                                byMessage.getOrDefault(m.id(), List.of())));
                    });
        });
    }
}
