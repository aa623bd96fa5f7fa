package com.telemed.video.rooms;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one participant needs to join a consultation's video, as the API answers it. {@code state} is
 * {@code waiting} (no room yet), {@code live} or {@code ended}; {@code opensAt} is when the doctor may open the room.
 * {@code jwt} is the viewer's own room token (null when the Jitsi server takes none; {@code roomProtection} then
 * says the room is protected by its unguessable name and the lobby, where the doctor admits the patient).
 * {@code patientId}, {@code patientPresent} and {@code patientWaiting} are for the doctor's view only.
 */
public record VideoInfo(
        long consultationId,
        String role,
        String state,
        Instant scheduledAt,
        Instant endsAt,
        Instant opensAt,
        Instant serverTime,
        String jitsiDomain,
        @Nullable String jitsiRoomName,
        @Nullable String jitsiRoomUrl,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable Long durationSeconds,
        @Nullable String jwt,
        String roomProtection,
        boolean lobbyEnabled,
        String displayName,
        @Nullable String doctorName,
        @Nullable Long patientId,
        @Nullable Boolean patientPresent,
        @Nullable Boolean patientWaiting,
        boolean doctorPresent) {

    public static final String WAITING = "waiting";
    public static final String LIVE = "live";
    public static final String ENDED = "ended";
    /** Every join needs a room token signed by this service. */
    public static final String PROTECTED_BY_TOKEN = "token";
    /** Public Jitsi: only the room's unguessable name, and the lobby where the doctor admits the patient. */
    public static final String PROTECTED_BY_NAME_AND_LOBBY = "name_and_lobby";
}
