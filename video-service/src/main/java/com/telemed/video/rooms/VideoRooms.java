package com.telemed.video.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.telemed.events.VideoSessionEnded;
import com.telemed.events.VideoSessionStarted;
import com.telemed.outbox.OutboxWriter;
import com.telemed.servicekit.crypto.OneTimeTokens;
import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.video.VideoProperties;
import com.telemed.video.consultations.ConsultationProjection;
import com.telemed.video.consultations.VideoConsultation;

import reactor.core.publisher.Mono;

/**
 * A consultation's video room: the doctor opens it inside the consultation's window and closes it; the doctor and
 * the patient read how to join and report whether they are on the page. Anyone who is neither the consultation's
 * doctor nor its patient gets the same 404 as for a consultation that does not exist.
 */
@Service
public class VideoRooms {

    private static final String PATIENT_NAME_ES = "Paciente";
    private static final String PATIENT_NAME_EN = "Patient";

    private final ConsultationProjection consultations;
    private final RoomStore rooms;
    private final JitsiTokens tokens;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final VideoProperties properties;
    private final Clock clock;

    VideoRooms(ConsultationProjection consultations, RoomStore rooms, JitsiTokens tokens, OutboxWriter outbox,
            TransactionalOperator tx, VideoProperties properties, Clock clock) {
        this.consultations = consultations;
        this.rooms = rooms;
        this.tokens = tokens;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens the room (once: a repeat answers the same room and announces nothing), only for the consultation's
     * doctor, only while it is confirmed and inside its window.
     */
    public Mono<VideoInfo> start(Caller caller, long consultationId) {
        Mono<Void> opened = consultations.lock(consultationId)
                .filter(c -> isDoctorOf(caller, c))
                .switchIfEmpty(Mono.error(VideoRooms::notFound))
                .flatMap(c -> rooms.room(consultationId)
                        .flatMap(existing -> existing.ended()
                                ? Mono.<Room>error(ApiException.conflict("session-ended",
                                        "The video session of this consultation has ended"))
                                : Mono.just(existing))
                        .switchIfEmpty(Mono.defer(() -> openRoom(c, caller.numericId()))))
                .then();
        return tx.transactional(opened)
                .then(Mono.defer(() -> infoFor(consultationId, caller, null)));
    }

    private Mono<Room> openRoom(VideoConsultation c, long doctorId) {
        Instant now = clock.instant();
        Mono<Void> check = checkOpenable(c, now);
        return check.then(Mono.defer(() -> rooms.open(c.consultationId(), RoomNames.next(c.consultationId()),
                        doctorId, now)))
                .flatMap(room -> rooms.joined(c.consultationId(), Viewer.Participant.DOCTOR.wire, now)
                        .then(outbox.write(new VideoSessionStarted(c.consultationId(), c.doctorId(), c.patientId(),
                                room.roomName(), doctorId, room.startedAt()), c.consultationId()))
                        .thenReturn(room));
    }

    private Mono<Void> checkOpenable(VideoConsultation c, Instant now) {
        // A consultation nobody came to is marked no-show once its time is over: for it, the time is the reason.
        if (c.noShow() && !now.isBefore(c.endsAt())) {
            return Mono.error(tooLate(c));
        }
        if (!c.confirmed()) {
            return Mono.error(ApiException.conflict("not-confirmed",
                    "Only a confirmed consultation has a video room (this one is " + c.status() + ")"));
        }
        Instant opensAt = opensAt(c);
        if (now.isBefore(opensAt)) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "too-early",
                    "The video room opens " + properties.opensBefore().toMinutes()
                            + " minutes before the consultation",
                    Map.of("opens_at", opensAt.toString())));
        }
        if (!now.isBefore(c.endsAt())) {
            return Mono.error(tooLate(c));
        }
        return Mono.empty();
    }

    private static ApiException tooLate(VideoConsultation c) {
        return new ApiException(HttpStatus.CONFLICT, "too-late", "The consultation's time is over",
                Map.of("ended_at", c.endsAt().toString()));
    }

    /** Closes the session (the doctor only); closing again answers the same times and announces nothing. */
    public Mono<VideoInfo> end(Caller caller, long consultationId) {
        Mono<Void> closed = consultations.lock(consultationId)
                .filter(c -> isDoctorOf(caller, c))
                .switchIfEmpty(Mono.error(VideoRooms::notFound))
                .flatMap(c -> rooms.room(consultationId)
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("not-started",
                                "The video session of this consultation has not started")))
                        .flatMap(room -> room.ended() ? Mono.<Void>empty()
                                : rooms.close(consultationId, clock.instant())
                                        .flatMap(done -> outbox.write(new VideoSessionEnded(consultationId,
                                                c.doctorId(), c.patientId(), done.roomName(), done.startedAt(),
                                                done.endedAt(), done.durationSeconds()), consultationId))
                                        .then()));
        return tx.transactional(closed)
                .then(Mono.defer(() -> infoFor(consultationId, caller, null)));
    }

    /** The room as the caller (the doctor, or the patient by access token or manage link) sees it. */
    public Mono<VideoInfo> info(Caller caller, long consultationId, String linkToken) {
        return infoFor(consultationId, caller, linkToken);
    }

    /** Records that the caller came to or left the consultation's video page, and answers the room as they see it. */
    public Mono<VideoInfo> presence(Caller caller, long consultationId, String linkToken, String event) {
        if (!"joined".equals(event) && !"left".equals(event)) {
            return Mono.error(ApiException.badRequest("invalid-request", "event must be joined or left"));
        }
        return consultations.find(consultationId)
                .flatMap(c -> Mono.justOrEmpty(viewerOf(caller, c, linkToken)).map(v -> Map.entry(c, v)))
                .switchIfEmpty(Mono.error(VideoRooms::notFound))
                .flatMap(cv -> {
                    if (cv.getKey().cancelled()) {
                        return Mono.error(cancelled());
                    }
                    Instant now = clock.instant();
                    String who = cv.getValue().participant().wire;
                    return ("joined".equals(event) ? rooms.joined(consultationId, who, now)
                            : rooms.left(consultationId, who, now))
                            .then(build(cv.getKey(), cv.getValue(), now));
                });
    }

    private Mono<VideoInfo> infoFor(long consultationId, Caller caller, String linkToken) {
        return consultations.find(consultationId)
                .flatMap(c -> Mono.justOrEmpty(viewerOf(caller, c, linkToken))
                        .flatMap(v -> c.cancelled() ? Mono.error(cancelled()) : build(c, v, clock.instant())))
                .switchIfEmpty(Mono.error(VideoRooms::notFound));
    }

    private Mono<VideoInfo> build(VideoConsultation c, Viewer viewer, Instant now) {
        return Mono.zip(rooms.room(c.consultationId()).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        rooms.presence(c.consultationId()).collectList())
                .map(t -> assemble(c, viewer, t.getT1().orElse(null), t.getT2(), now));
    }

    private VideoInfo assemble(VideoConsultation c, Viewer viewer, Room room, List<Presence> presence, Instant now) {
        boolean doctor = viewer.doctor();
        String state = room == null ? VideoInfo.WAITING : room.ended() ? VideoInfo.ENDED : VideoInfo.LIVE;
        String displayName = doctor ? (c.doctorName() == null ? "Doctor" : c.doctorName())
                : ("en".equals(c.locale()) ? PATIENT_NAME_EN : PATIENT_NAME_ES);
        String jwt = room == null || room.ended() ? null
                : tokens.issue(room.roomName(), viewer.participant().wire + "-" + viewer.id(), displayName, doctor,
                        opensAt(c), c.endsAt().plus(properties.tokenGrace()), now);
        boolean patientPresent = present(presence, Viewer.Participant.PATIENT);
        return new VideoInfo(c.consultationId(), viewer.participant().wire, state, c.scheduledAt(), c.endsAt(),
                opensAt(c), now, properties.jitsiDomain(), room == null ? null : room.roomName(),
                room == null ? null : "https://" + properties.jitsiDomain() + "/" + room.roomName(),
                room == null ? null : room.startedAt(), room == null ? null : room.endedAt(),
                room == null ? null : room.durationSeconds(), jwt,
                tokens.enabled() ? VideoInfo.PROTECTED_BY_TOKEN : VideoInfo.PROTECTED_BY_NAME_AND_LOBBY,
                !tokens.enabled(), displayName, c.doctorName(),
                doctor ? c.patientId() : null,
                doctor ? patientPresent : null,
                // Waiting: on the page while the doctor is not (or the room is not open yet).
                doctor ? patientPresent && (room == null || !present(presence, Viewer.Participant.DOCTOR)) : null,
                present(presence, Viewer.Participant.DOCTOR));
    }

    private static boolean present(List<Presence> presence, Viewer.Participant who) {
        return presence.stream().anyMatch(p -> p.participant().equals(who.wire) && p.present());
    }

    private Instant opensAt(VideoConsultation c) {
        return c.scheduledAt().minus(properties.opensBefore());
    }

    private Optional<Viewer> viewerOf(Caller caller, VideoConsultation c, String linkToken) {
        if (caller != null && caller.isDoctor() && idOf(caller) == c.doctorId()) {
            return Optional.of(new Viewer(Viewer.Participant.DOCTOR, c.doctorId()));
        }
        if (caller != null && caller.hasRole(com.telemed.servicekit.security.Roles.PATIENT)
                && idOf(caller) == c.patientId()) {
            return Optional.of(new Viewer(Viewer.Participant.PATIENT, c.patientId()));
        }
        if (linkToken != null && OneTimeTokens.matches(linkToken, c.manageTokenHash())
                && c.manageTokenExpiresAt() != null && clock.instant().isBefore(c.manageTokenExpiresAt())) {
            return Optional.of(new Viewer(Viewer.Participant.PATIENT, c.patientId()));
        }
        return Optional.empty();
    }

    private static boolean isDoctorOf(Caller caller, VideoConsultation c) {
        return caller.isDoctor() && idOf(caller) == c.doctorId();
    }

    /** The caller's numeric id, or -1 (matches nobody) when the subject is not a number. */
    private static long idOf(Caller caller) {
        try {
            return Long.parseLong(caller.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("Consultation");
    }

    private static ApiException cancelled() {
        return ApiException.conflict("consultation-cancelled", "This consultation was cancelled");
    }
}
