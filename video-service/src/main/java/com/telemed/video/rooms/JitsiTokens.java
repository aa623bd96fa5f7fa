package com.telemed.video.rooms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import com.telemed.video.VideoProperties;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/**
 * Room tokens for a Jitsi server with JWT auth (prosody's token verification): HS256 with the app secret,
 * {@code iss} the app id, {@code aud} the accepted audience, {@code sub} the Jitsi domain, {@code room} this room
 * only, valid from {@code nbf} to {@code exp} (the consultation's window), and {@code context.user} with the
 * participant's id, display name and whether they moderate ({@code "true"}/{@code "false"}). Without an app id and secret there are no tokens.
 */
@Component
class JitsiTokens {

    private final VideoProperties properties;
    private final SecretKey key;

    JitsiTokens(VideoProperties properties) {
        this.properties = properties;
        this.key = properties.tokensRequired()
                ? Keys.hmacShaKeyFor(properties.jitsiAppSecret().getBytes(StandardCharsets.UTF_8))
                : null;
    }

    boolean enabled() {
        return key != null;
    }

    /** @return null when the server takes no tokens */
    String issue(String roomName, String userId, String displayName, boolean moderator, Instant notBefore,
            Instant expires, Instant now) {
        if (key == null) {
            return null;
        }
        return Jwts.builder()
                .header().type("JWT").and()
                .issuer(properties.jitsiAppId())
                .audience().add(properties.jitsiTokenAudience()).and()
                .subject(properties.jitsiDomain())
                .claim("room", roomName)
                // Strings only in context.user: Jitsi's presence_identity refuses other types; "true" is what
                // token_affiliation (moderator rights from the token) reads.
                .claim("context", Map.of("user", Map.of("id", userId, "name", displayName,
                        "moderator", String.valueOf(moderator))))
                .issuedAt(Date.from(now))
                .notBefore(Date.from(notBefore))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }
}
