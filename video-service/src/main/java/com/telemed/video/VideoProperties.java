package com.telemed.video;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Video rules of the service (env in brackets): the Jitsi server [JITSI_DOMAIN]; the app id and secret of a Jitsi
 * with JWT auth [JITSI_APP_ID, JITSI_APP_SECRET], both or neither; the {@code aud} of room tokens
 * [JITSI_TOKEN_AUDIENCE]; how long before its start a consultation's room may be opened
 * [TELEMED_VIDEO_OPENS_BEFORE]; how long room tokens outlive the consultation [TELEMED_VIDEO_TOKEN_GRACE]; when a
 * patient who has not joined counts as late [TELEMED_VIDEO_PATIENT_LATE_AFTER]; how often attendance is checked
 * [TELEMED_VIDEO_ATTENDANCE_INTERVAL].
 */
@ConfigurationProperties("telemed.video")
public record VideoProperties(
        @DefaultValue("meet.jit.si") String jitsiDomain,
        String jitsiAppId,
        String jitsiAppSecret,
        @DefaultValue("jitsi") String jitsiTokenAudience,
        @DefaultValue("15m") Duration opensBefore,
        @DefaultValue("15m") Duration tokenGrace,
        @DefaultValue("10m") Duration patientLateAfter,
        @DefaultValue("30s") Duration attendanceInterval) {

    public VideoProperties {
        jitsiDomain = jitsiDomain == null || jitsiDomain.isBlank() ? "meet.jit.si" : jitsiDomain.trim();
        jitsiAppId = blankToNull(jitsiAppId);
        jitsiAppSecret = blankToNull(jitsiAppSecret);
        // Refuse to start half-configured: a server expecting tokens would turn every patient away, and a short
        // secret makes room tokens guessable (HS256 needs at least 256 bits).
        if ((jitsiAppId == null) != (jitsiAppSecret == null)) {
            throw new IllegalStateException("Set both JITSI_APP_ID and JITSI_APP_SECRET, or neither");
        }
        if (jitsiAppSecret != null && jitsiAppSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("JITSI_APP_SECRET must be at least 32 bytes long");
        }
        if (!jitsiDomain.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
            throw new IllegalStateException("JITSI_DOMAIN must be a host name, e.g. meet.example.org");
        }
    }

    /** Whether joins need a signed room token (self-hosted Jitsi with JWT auth). */
    public boolean tokensRequired() {
        return jitsiAppId != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
