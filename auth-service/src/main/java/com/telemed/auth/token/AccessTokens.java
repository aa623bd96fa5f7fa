package com.telemed.auth.token;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.telemed.servicekit.security.Roles;
import com.telemed.servicekit.crypto.OneTimeTokens;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Mints Telemed's RS256 access tokens ({@code kid} in the header, issuer {@code telemed-auth}, audience
 * {@code telemed}, a {@code role} claim) and the short-lived MFA challenge, whose own audience makes every
 * service refuse it as an access token.
 */
@Component
public class AccessTokens {

    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    static final Duration MFA_TTL = Duration.ofMinutes(5);
    static final String MFA_AUDIENCE = "telemed-mfa";

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    public AccessTokens(SigningKeys keys, Clock clock, @Value("${telemed.security.issuer}") String issuer,
            @Value("${telemed.security.audience}") String audience) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** A staff access token: {@code sub} user id, {@code role}, {@code email}, {@code name}. */
    public Mono<Issued> staff(long userId, String role, String email, String fullName) {
        return sign(String.valueOf(userId), audience, ACCESS_TTL, Map.of("role", role, "email", email, "name", fullName));
    }

    /** The limited token after a temporary-password login: role {@code password_change}, nothing else allowed. */
    public Mono<Issued> passwordChange(long userId, String email) {
        return sign(String.valueOf(userId), audience, ACCESS_TTL,
                Map.of("role", Roles.PASSWORD_CHANGE, "scope", Roles.PASSWORD_CHANGE, "email", email));
    }

    /** An it_admin who must enrol TOTP before anything else: role {@code mfa_enrollment}. */
    public Mono<Issued> mfaEnrollment(long userId, String email) {
        return sign(String.valueOf(userId), audience, ACCESS_TTL,
                Map.of("role", Roles.MFA_ENROLLMENT, "scope", Roles.MFA_ENROLLMENT, "email", email));
    }

    /** A patient's token from a login link: {@code sub} patient id; never outlives {@code notAfter}. */
    public Mono<Issued> patient(long patientId, Instant notAfter) {
        Duration ttl = Duration.between(clock.instant(), notAfter);
        return sign(String.valueOf(patientId), audience, ttl.compareTo(ACCESS_TTL) < 0 ? ttl : ACCESS_TTL,
                Map.of("role", Roles.PATIENT));
    }

    public Mono<String> mfaChallenge(long userId) {
        return sign(String.valueOf(userId), MFA_AUDIENCE, MFA_TTL, Map.of()).map(Issued::token);
    }

    /** The user id of a valid, unexpired MFA challenge signed by one of our keys. */
    public Optional<Long> readMfaChallenge(String token) {
        try {
            Claims claims = Jwts.parser()
                    .keyLocator(new LocatorAdapter<Key>() {
                        @Override
                        protected Key locate(ProtectedHeader header) {
                            return keys.trusted().get(header.getKeyId());
                        }
                    })
                    .clock(() -> Date.from(clock.instant()))
                    .requireIssuer(issuer)
                    .requireAudience(MFA_AUDIENCE)
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            return Optional.of(Long.parseLong(claims.getSubject()));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Mono<Issued> sign(String subject, String aud, Duration ttl, Map<String, ?> claims) {
        return Mono.fromCallable(() -> signNow(subject, aud, ttl, claims)).subscribeOn(Schedulers.boundedElastic());
    }

    private Issued signNow(String subject, String aud, Duration ttl, Map<String, ?> claims) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String token = Jwts.builder()
                .header().keyId(keys.currentKid()).and()
                .issuer(issuer)
                .audience().add(aud).and()
                .subject(subject)
                .claims(claims)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(keys.current().getPrivate(), Jwts.SIG.RS256)
                .random(OneTimeTokens.random())
                .compact();
        return new Issued(token, Math.max(1, ttl.toSeconds()), expires);
    }

    public record Issued(String token, long expiresInSeconds, Instant expiresAt) {
    }
}
