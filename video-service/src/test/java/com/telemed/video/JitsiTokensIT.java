package com.telemed.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.telemed.testkit.ServiceTest;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import tools.jackson.databind.JsonNode;

/** With a self-hosted Jitsi's app id and secret, each participant gets a room token Jitsi's token auth accepts. */
@ServiceTest
@TestPropertySource(properties = { "telemed.video.jitsi-domain=video.telemed.test",
        "telemed.video.jitsi-app-id=telemed-test", "telemed.video.jitsi-app-secret=" + JitsiTokensIT.SECRET })
class JitsiTokensIT extends VideoTestSupport {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final SecretKey KEY = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void theDoctorModeratesThePatientDoesNotAndBothTokensOpenOnlyThisRoomDuringTheConsultation() {
        Instant at = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Booked b = confirmed(at, 30);
        JsonNode doctor = start(b);
        String room = doctor.get("jitsi_room_name").asString();
        assertThat(doctor.get("jitsi_room_url").asString()).isEqualTo("https://video.telemed.test/" + room);
        assertThat(doctor.get("room_protection").asString()).isEqualTo("token");
        assertThat(doctor.get("lobby_enabled").asBoolean()).isFalse();

        Claims d = claims(doctor.get("jwt").asString());
        assertThat(d.getIssuer()).isEqualTo("telemed-test");
        assertThat(d.getAudience()).containsExactly("jitsi");
        assertThat(d.getSubject()).isEqualTo("video.telemed.test");
        assertThat(d.get("room", String.class)).isEqualTo(room);
        assertThat(d.getNotBefore().toInstant()).isEqualTo(at.minus(Duration.ofMinutes(15)));
        assertThat(d.getExpiration().toInstant()).isEqualTo(at.plus(Duration.ofMinutes(30 + 15)));
        Map<?, ?> doctorUser = (Map<?, ?>) ((Map<?, ?>) d.get("context", Map.class)).get("user");
        assertThat(doctorUser.get("moderator")).isEqualTo("true");
        assertThat(doctorUser.get("id")).isEqualTo("doctor-" + b.doctorId());
        assertThat(doctorUser.get("name")).isEqualTo("Dra. Prueba");

        JsonNode patient = web.get().uri(path(b.id(), "video-info") + "?token=" + b.linkToken()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        Claims p = claims(patient.get("jwt").asString());
        assertThat(p.get("room", String.class)).isEqualTo(room);
        Map<?, ?> patientUser = (Map<?, ?>) ((Map<?, ?>) p.get("context", Map.class)).get("user");
        assertThat(patientUser.get("moderator")).isEqualTo("false");
        assertThat(patientUser.get("id")).isEqualTo("patient-" + b.patientId());
        assertThat(patientUser.get("name")).isEqualTo("Paciente");
        assertThat(p.getExpiration()).isEqualTo(d.getExpiration());

        // Before the room opens nobody gets a token.
        Booked later = confirmed(Instant.now().plus(Duration.ofHours(2)), 30);
        assertThat(info(later.id(), doctorToken(later.doctorId())).get("jwt").isNull()).isTrue();
    }

    private static Claims claims(String jwt) {
        // Verified with the secret; nbf lies in the future for a consultation that has not begun, so allow it.
        return Jwts.parser().verifyWith(KEY).clockSkewSeconds(3600).build().parseSignedClaims(jwt).getPayload();
    }
}
