package com.telemed.video.rooms;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.VideoNoShow;
import com.telemed.events.VideoPatientLate;
import com.telemed.outbox.OutboxWriter;
import com.telemed.video.VideoProperties;

import reactor.core.publisher.Mono;

/**
 * Decisions about who came, each taken once per consultation in one short transaction that claims its rows
 * ({@code skip locked}, so replicas share the work) and writes the events beside them:
 * <ul>
 * <li>late: the patient has not been on the video page {@code patient-late-after} past the start, while the
 * consultation is still on → {@code video.patient-late} (the patient is emailed the join link);</li>
 * <li>no-show: the consultation's time is over, its session was not closed by the doctor, and the doctor and the
 * patient were not both there → {@code video.no-show}, saying who was absent (the doctor when neither came).</li>
 * </ul>
 * Consultations over for more than a day are left alone, so data older than the service is never judged.
 */
@Component
class Attendance {

    private static final String DOCTOR_CAME = """
            (exists (select 1 from presence p where p.consultation_id = c.consultation_id and p.participant = 'doctor')
             or exists (select 1 from rooms r where r.consultation_id = c.consultation_id))""";
    private static final String PATIENT_CAME = """
            exists (select 1 from presence p where p.consultation_id = c.consultation_id and p.participant = 'patient')""";
    private static final String SESSION_CLOSED = """
            exists (select 1 from rooms r where r.consultation_id = c.consultation_id and r.ended_at is not null)""";

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final VideoProperties properties;
    private final Clock clock;

    Attendance(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, VideoProperties properties,
            Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** Marks up to {@code batch} late patients; emits how many. */
    Mono<Integer> latePatients(int batch) {
        Instant now = clock.instant();
        Mono<Integer> work = db.sql("""
                        with late as (
                            select c.consultation_id from consultations c
                             where c.status = 'confirmed' and c.patient_late_at is null
                               and c.scheduled_at <= :lateBefore and c.ends_at > :now
                               and not""" + " " + PATIENT_CAME + " and not " + SESSION_CLOSED + """

                             order by c.scheduled_at limit :batch for update skip locked)
                        update consultations c set patient_late_at = :now, updated_at = now()
                          from late where c.consultation_id = late.consultation_id
                        returning c.consultation_id, c.doctor_id, c.patient_id, c.scheduled_at""")
                .bind("lateBefore", utc(now.minus(properties.patientLateAfter())))
                .bind("now", utc(now)).bind("batch", batch)
                .map(row -> new OutboxWriter.Pending(new VideoPatientLate(row.get("consultation_id", Long.class),
                        row.get("doctor_id", Long.class), row.get("patient_id", Long.class),
                        row.get("scheduled_at", OffsetDateTime.class).toInstant(),
                        row.get("scheduled_at", OffsetDateTime.class).toInstant()
                                .plus(properties.patientLateAfter())),
                        row.get("consultation_id", Long.class)))
                .all().collectList()
                .flatMap(outbox::writeAll);
        return tx.transactional(work);
    }

    /** Decides up to {@code batch} no-shows; emits how many. */
    Mono<Integer> noShows(int batch) {
        Instant now = clock.instant();
        Mono<Integer> work = db.sql("""
                        with due as (
                            select c.consultation_id,
                                   case when""" + " " + DOCTOR_CAME + """
                                    then 'patient' else 'doctor' end as absent
                              from consultations c
                             where c.status = 'confirmed' and c.no_show_at is null
                               and c.ends_at <= :now and c.ends_at > :oldest
                               and not""" + " " + SESSION_CLOSED + """

                               and not (""" + DOCTOR_CAME + " and " + PATIENT_CAME + """
                               )
                             order by c.ends_at limit :batch for update skip locked)
                        update consultations c set status = 'no_show', no_show_at = :now,
                               no_show_absent = due.absent, updated_at = now()
                          from due where c.consultation_id = due.consultation_id
                        returning c.consultation_id, c.doctor_id, c.patient_id, c.scheduled_at, c.no_show_absent""")
                .bind("now", utc(now)).bind("oldest", utc(now.minus(java.time.Duration.ofDays(1))))
                .bind("batch", batch)
                .map(row -> new OutboxWriter.Pending(new VideoNoShow(row.get("consultation_id", Long.class),
                        row.get("doctor_id", Long.class), row.get("patient_id", Long.class),
                        row.get("scheduled_at", OffsetDateTime.class).toInstant(),
                        row.get("no_show_absent", String.class), now),
                        row.get("consultation_id", Long.class)))
                .all().collectList()
                .flatMap(outbox::writeAll);
        return tx.transactional(work);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
