package com.telemed.video.rooms;

import java.util.HexFormat;

import com.telemed.servicekit.crypto.OneTimeTokens;

/**
 * Room names {@code Telemed_{consultationId}_{40 hex}}: 160 random bits from the platform's seeded DRBG, so that
 * a room cannot be guessed from the consultation id (on a Jitsi without tokens the name is the room's only lock).
 */
final class RoomNames {

    static final int RANDOM_BYTES = 20;

    private RoomNames() {
    }

    static String next(long consultationId) {
        byte[] random = new byte[RANDOM_BYTES];
        OneTimeTokens.random().nextBytes(random);
        return "Telemed_" + consultationId + "_" + HexFormat.of().formatHex(random);
    }
}
