package com.telemed.video.rooms;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.telemed.video.VideoProperties;
import com.telemed.work.BackgroundRounds;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/** Looks for late patients and no-shows every attendance interval, batch after batch (ADR 8). */
@Component
class AttendanceRounds extends BackgroundRounds {

    static final int BATCH = 100;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);

    private final Attendance attendance;
    private final VideoProperties properties;

    AttendanceRounds(Attendance attendance, VideoProperties properties) {
        this.attendance = attendance;
        this.properties = properties;
    }

    @Override
    protected Disposable startRounds() {
        return Disposables.composite(
                batches("Late patients", Flux.interval(properties.attendanceInterval()), BATCH_TIMEOUT, BATCH,
                        () -> attendance.latePatients(BATCH)),
                batches("No-shows", Flux.interval(properties.attendanceInterval()), BATCH_TIMEOUT, BATCH,
                        () -> attendance.noShows(BATCH)));
    }
}
