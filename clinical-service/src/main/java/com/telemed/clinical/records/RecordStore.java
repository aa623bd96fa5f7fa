package com.telemed.clinical.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.ContentJson;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The {@code clinical_records} and {@code clinical_addenda} tables. Every section, list and reason is encrypted
 * here with the clinical keys ({@code TELEMED_CLINICAL_KEYS}), its column bound as associated data; nothing above
 * this class sees a ciphertext and nothing below it sees clinical text. Statements run in the caller's transaction.
 */
@Component
class RecordStore {

    private static final String COLUMNS = """
            id, patient_id, consultation_id, author_id, chief_complaint, background, assessment, plan, allergies,
            medications, status, error_reason, error_at, created_at, updated_at, signed_at""";

    private final DatabaseClient db;
    private final FieldCipher cipher;

    RecordStore(DatabaseClient db, CryptoKeys keys) {
        this.db = db;
        this.cipher = keys.cipher(CryptoKeys.CLINICAL_KEYS);
    }

    /** A record row as stored, decrypted, without author name or addenda. */
    record Row(long id, long patientId, Long consultationId, long authorId, ClinicalContent content, String status,
            String errorReason, Instant errorAt, Instant createdAt, Instant updatedAt, Instant signedAt) {

        boolean draft() {
            return ClinicalRecord.DRAFT.equals(status);
        }

        /** Signed or amended: locked, and counted in the patient's summary. */
        boolean signed() {
            return ClinicalRecord.SIGNED.equals(status) || ClinicalRecord.AMENDED.equals(status);
        }
    }

    Mono<Row> insert(long patientId, Long consultationId, long authorId, ClinicalContent c) {
        return bindContent(db.sql("""
                        insert into clinical_records (patient_id, consultation_id, author_id, chief_complaint,
                                                      background, assessment, plan, allergies, medications)
                        values (:patient, :consultation, :author, :cc, :bg, :as, :plan, :allergies, :medications)
                        returning""" + " " + COLUMNS), c)
                .bind("patient", patientId)
                .bind("consultation", Parameter.fromOrEmpty(consultationId, Long.class))
                .bind("author", authorId)
                .map(this::read).one();
    }

    Mono<Row> updateContent(long id, ClinicalContent c) {
        return bindContent(db.sql("""
                        update clinical_records set chief_complaint = :cc, background = :bg, assessment = :as,
                               plan = :plan, allergies = :allergies, medications = :medications, updated_at = now()
                         where id = :id
                        returning""" + " " + COLUMNS), c)
                .bind("id", id).map(this::read).one();
    }

    /** The record of this patient, locked for the transaction; empty when there is none. */
    Mono<Row> lock(long patientId, long id) {
        return db.sql("select " + COLUMNS + " from clinical_records where id = :id and patient_id = :patient for update")
                .bind("id", id).bind("patient", patientId).map(this::read).one();
    }

    /** The patient's records created in [from, to), newest first, all read before returning. */
    Mono<List<Row>> ofPatient(long patientId, Instant from, Instant to) {
        return db.sql("select " + COLUMNS + """
                         from clinical_records
                        where patient_id = :patient
                          and created_at >= coalesce(:from, '-infinity'::timestamptz)
                          and created_at < coalesce(:to, 'infinity'::timestamptz)
                        order by created_at desc, id desc""")
                .bind("patient", patientId)
                .bind("from", Parameter.fromOrEmpty(from == null ? null : from.atOffset(java.time.ZoneOffset.UTC),
                        OffsetDateTime.class))
                .bind("to", Parameter.fromOrEmpty(to == null ? null : to.atOffset(java.time.ZoneOffset.UTC),
                        OffsetDateTime.class))
                .map(this::read).all().collectList();
    }

    /** A page of this author's drafts, most recently changed first, with their total. */
    Mono<List<Row>> draftsOf(long authorId, int limit, long offset) {
        return db.sql("select " + COLUMNS + """
                         from clinical_records where author_id = :author and status = 'draft'
                        order by updated_at desc, id desc limit :limit offset :offset""")
                .bind("author", authorId).bind("limit", limit).bind("offset", offset)
                .map(this::read).all().collectList();
    }

    Mono<Long> countDrafts(long authorId) {
        return db.sql("select count(*) as n from clinical_records where author_id = :author and status = 'draft'")
                .bind("author", authorId).map(row -> row.get("n", Long.class)).one();
    }

    /** The signed (or amended) records of the patient written for this consultation, oldest first. */
    Mono<List<Row>> signedOfConsultation(long patientId, long consultationId) {
        return db.sql("select " + COLUMNS + """
                         from clinical_records
                        where patient_id = :patient and consultation_id = :consultation
                          and status in ('signed', 'amended')
                        order by signed_at, id""")
                .bind("patient", patientId).bind("consultation", consultationId)
                .map(this::read).all().collectList();
    }

    Mono<Boolean> authored(long doctorId, long patientId) {
        return db.sql("""
                        select exists (select 1 from clinical_records
                                        where author_id = :doctor and patient_id = :patient) as ok""")
                .bind("doctor", doctorId).bind("patient", patientId)
                .map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class))).one();
    }

    Mono<Row> sign(long id) {
        return db.sql("update clinical_records set status = 'signed', signed_at = now(), updated_at = now() "
                        + "where id = :id returning " + COLUMNS)
                .bind("id", id).map(this::read).one();
    }

    Mono<Row> enteredInError(long id, long by, String reason) {
        return db.sql("""
                        update clinical_records set status = 'entered_in_error', error_reason = :reason,
                               error_by_id = :by, error_at = now(), updated_at = now()
                         where id = :id
                        returning""" + " " + COLUMNS)
                .bind("id", id).bind("by", by)
                .bind("reason", cipher.encrypt(reason, "clinical_records.error_reason"))
                .map(this::read).one();
    }

    Mono<Long> delete(long id) {
        return db.sql("delete from clinical_records where id = :id and status = 'draft'")
                .bind("id", id).fetch().rowsUpdated();
    }

    /** Adds the text to a signed record, which becomes amended. */
    Mono<Void> addendum(long id, long author, String text) {
        return db.sql("insert into clinical_addenda (record_id, author_id, text) values (:id, :author, :text)")
                .bind("id", id).bind("author", author)
                .bind("text", cipher.encrypt(text, "clinical_addenda.text"))
                .fetch().rowsUpdated()
                .then(db.sql("update clinical_records set status = 'amended', updated_at = now() where id = :id")
                        .bind("id", id).fetch().rowsUpdated())
                .then();
    }

    /** A stored addendum: its author's id still to be named. */
    record AddendumRow(long id, long recordId, long authorId, String text, Instant createdAt) {
    }

    /** The addenda of these records, oldest first, by record id. */
    Mono<Map<Long, List<AddendumRow>>> addendaOf(List<Long> recordIds) {
        if (recordIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        select id, record_id, author_id, text, created_at from clinical_addenda
                         where record_id = any(:ids) order by id""")
                .bind("ids", recordIds.toArray(Long[]::new))
                .map(row -> new AddendumRow(row.get("id", Long.class), row.get("record_id", Long.class),
                        row.get("author_id", Long.class), cipher.decrypt(row.get("text", String.class),
                                "clinical_addenda.text"), instant(row, "created_at")))
                .all().collectList()
                .map(list -> list.stream().collect(Collectors.groupingBy(AddendumRow::recordId,
                        Collectors.toCollection(ArrayList::new))));
    }

    private DatabaseClient.GenericExecuteSpec bindContent(DatabaseClient.GenericExecuteSpec spec, ClinicalContent c) {
        return spec.bind("cc", sealed(c.chiefComplaint(), "chief_complaint"))
                .bind("bg", sealed(c.background(), "background"))
                .bind("as", sealed(c.assessment(), "assessment"))
                .bind("plan", sealed(c.plan(), "plan"))
                .bind("allergies", sealed(ContentJson.write(c.allergies()), "allergies"))
                .bind("medications", sealed(ContentJson.write(c.medications()), "medications"));
    }

    private Parameter sealed(String text, String column) {
        return Parameter.fromOrEmpty(text == null || text.isBlank() ? null
                : cipher.encrypt(text, "clinical_records." + column), String.class);
    }

    private String open(Readable row, String column) {
        return cipher.decrypt(row.get(column, String.class), "clinical_records." + column);
    }

    private Row read(Readable row) {
        ClinicalContent content = new ClinicalContent(open(row, "chief_complaint"), open(row, "background"),
                open(row, "assessment"), open(row, "plan"), ContentJson.allergies(open(row, "allergies")),
                ContentJson.medications(open(row, "medications")));
        return new Row(row.get("id", Long.class), row.get("patient_id", Long.class),
                row.get("consultation_id", Long.class), row.get("author_id", Long.class), content,
                row.get("status", String.class), open(row, "error_reason"), instant(row, "error_at"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "signed_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
