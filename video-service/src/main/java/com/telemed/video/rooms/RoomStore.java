package com.telemed.video.rooms;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code rooms} and {@code presence} tables. */
@Component
class RoomStore {

    private final DatabaseClient db;

    RoomStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Room> room(long consultationId) {
        return db.sql("select " + Room.COLUMNS + " from rooms where consultation_id = :id")
                .bind("id", consultationId).map(Room::of).one();
    }

    Mono<Room> open(long consultationId, String roomName, long startedBy, Instant at) {
        return db.sql("""
                        insert into rooms (consultation_id, room_name, started_by, started_at)
                        values (:id, :name, :by, :at) returning """ + " " + Room.COLUMNS)
                .bind("id", consultationId).bind("name", roomName).bind("by", startedBy)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map(Room::of).one();
    }

    /** Closes a room still open; the duration counts whole seconds from its start. */
    Mono<Room> close(long consultationId, Instant at) {
        return db.sql("""
                        update rooms set ended_at = :at,
                               duration_seconds = greatest(0, floor(extract(epoch from (cast(:at as timestamptz) - started_at))))::bigint
                         where consultation_id = :id and ended_at is null
                        returning""" + " " + Room.COLUMNS)
                .bind("id", consultationId).bind("at", at.atOffset(ZoneOffset.UTC))
                .map(Room::of).one();
    }

    Flux<Presence> presence(long consultationId) {
        return db.sql("""
                        select participant, present, first_joined_at, last_left_at from presence
                         where consultation_id = :id""")
                .bind("id", consultationId).map(Presence::of).all();
    }

    Mono<Void> joined(long consultationId, String participant, Instant at) {
        return db.sql("""
                        insert into presence (consultation_id, participant, present, first_joined_at, last_joined_at)
                        values (:id, :who, true, :at, :at)
                        on conflict (consultation_id, participant) do update
                           set present = true, last_joined_at = excluded.last_joined_at""")
                .bind("id", consultationId).bind("who", participant).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    Mono<Void> left(long consultationId, String participant, Instant at) {
        return db.sql("""
                        update presence set present = false, last_left_at = :at
                         where consultation_id = :id and participant = :who""")
                .bind("id", consultationId).bind("who", participant).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}
