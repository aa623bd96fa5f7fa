package com.telemed.clinical.templates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

import com.telemed.clinical.content.ClinicalContent;
import com.telemed.clinical.content.ContentJson;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * Templates: a doctor sees their own and the clinic-wide ones and changes only their own; admin and medical_admin
 * make and change the clinic-wide ones. Nobody else uses templates (it_admin and patients: 403). A template the
 * caller may not see is the same 404 as one that does not exist.
 */
@Service
public class Templates {

    private static final String COLUMNS = """
            id, name, description, chief_complaint, background, assessment, plan, allergies, medications,
            created_by_id, clinic_wide, created_at, updated_at""";
    private static final String VISIBLE = "(clinic_wide or created_by_id = :me)";

    private final DatabaseClient db;

    public Templates(DatabaseClient db) {
        this.db = db;
    }

    /** A template's name and description with its content. */
    public record Draft(String name, String description, ClinicalContent content) {
    }

    public Mono<Page<Template>> list(Caller caller, String q, Paging paging) {
        long me = user(caller);
        String filter = " where " + VISIBLE + " and (:q = '' or lower(name) like :like)";
        String query = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        String like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Mono<Long> total = db.sql("select count(*) as n from clinical_templates" + filter)
                .bind("me", me).bind("q", query).bind("like", like)
                .map(row -> row.get("n", Long.class)).one();
        Mono<List<Template>> items = db.sql("select " + COLUMNS + " from clinical_templates" + filter
                        + " order by clinic_wide desc, lower(name), id limit :limit offset :offset")
                .bind("me", me).bind("q", query).bind("like", like)
                .bind("limit", paging.size()).bind("offset", paging.offset())
                .map(row -> read(row, caller)).all().collectList();
        return total.zipWith(items, (n, list) -> Page.of(list, paging, n));
    }

    /** The template if the caller may see it; 404 otherwise. */
    public Mono<Template> get(Caller caller, long id) {
        return db.sql("select " + COLUMNS + " from clinical_templates where id = :id and " + VISIBLE)
                .bind("id", id).bind("me", user(caller))
                .map(row -> read(row, caller)).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Template")));
    }

    public Mono<Template> create(Caller caller, Draft draft) {
        long me = user(caller);
        Draft d = validated(draft, true);
        ClinicalContent c = d.content().over(ClinicalContent.EMPTY);
        return db.sql("""
                        insert into clinical_templates (name, description, chief_complaint, background, assessment, plan,
                                                        allergies, medications, created_by_id, clinic_wide)
                        values (:name, :description, :cc, :bg, :as, :plan, :allergies, :medications, :me, :wide)
                        returning""" + " " + COLUMNS)
                .bind("name", d.name().trim())
                .bind("description", text(d.description()))
                .bind("cc", text(c.chiefComplaint())).bind("bg", text(c.background()))
                .bind("as", text(c.assessment())).bind("plan", text(c.plan()))
                .bind("allergies", ContentJson.write(c.allergies()))
                .bind("medications", ContentJson.write(c.medications()))
                .bind("me", me).bind("wide", caller.canAdminWrite())
                .map(row -> read(row, caller)).one();
    }

    /** Changes the sections given (null keeps them). */
    public Mono<Template> update(Caller caller, long id, Draft draft) {
        Draft d = validated(draft, false);
        return editable(caller, id).flatMap(current -> {
            ClinicalContent c = d.content().over(current.content());
            return db.sql("""
                            update clinical_templates set name = :name, description = :description,
                                   chief_complaint = :cc, background = :bg, assessment = :as, plan = :plan,
                                   allergies = :allergies, medications = :medications, updated_at = now()
                             where id = :id
                            returning""" + " " + COLUMNS)
                    .bind("id", id)
                    .bind("name", d.name() == null ? current.name() : d.name().trim())
                    .bind("description", text(d.description() == null ? current.description() : d.description()))
                    .bind("cc", text(c.chiefComplaint())).bind("bg", text(c.background()))
                    .bind("as", text(c.assessment())).bind("plan", text(c.plan()))
                    .bind("allergies", ContentJson.write(c.allergies()))
                    .bind("medications", ContentJson.write(c.medications()))
                    .map(row -> read(row, caller)).one();
        });
    }

    public Mono<Void> delete(Caller caller, long id) {
        return editable(caller, id).flatMap(t -> db.sql("delete from clinical_templates where id = :id")
                .bind("id", id).fetch().rowsUpdated()).then();
    }

    private Mono<Template> editable(Caller caller, long id) {
        return get(caller, id).flatMap(t -> t.editable() ? Mono.just(t)
                : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "read-only-template",
                        "This template is shared by the clinic and only admins may change it")));
    }

    /** 403 unless the caller is a doctor or an admin who may write medical data; their user id. */
    private static long user(Caller caller) {
        caller.require(caller.isDoctor() || caller.canAdminWrite());
        return caller.numericId();
    }

    private static Draft validated(Draft d, boolean creating) {
        if ((creating || d.name() != null) && (d.name() == null || d.name().isBlank())) {
            throw ApiException.unprocessable("name-required", "A template needs a name");
        }
        if (d.name() != null && d.name().length() > 200) {
            throw ApiException.unprocessable("text-too-long", "name is longer than 200 characters");
        }
        ClinicalContent.text("description", d.description());
        ClinicalContent content = d.content() == null ? ClinicalContent.EMPTY : d.content();
        return new Draft(d.name(), d.description(), content.validated());
    }

    private static Parameter text(String value) {
        return Parameter.fromOrEmpty(value == null || value.isBlank() ? null : value, String.class);
    }

    private static Template read(Readable row, Caller caller) {
        Long createdBy = row.get("created_by_id", Long.class);
        boolean wide = Boolean.TRUE.equals(row.get("clinic_wide", Boolean.class));
        boolean editable = wide ? caller.canAdminWrite()
                : createdBy != null && String.valueOf(createdBy).equals(caller.id());
        return new Template(row.get("id", Long.class), row.get("name", String.class),
                row.get("description", String.class), row.get("chief_complaint", String.class),
                row.get("background", String.class), row.get("assessment", String.class),
                row.get("plan", String.class), ContentJson.allergies(row.get("allergies", String.class)),
                ContentJson.medications(row.get("medications", String.class)), createdBy, wide, editable,
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
