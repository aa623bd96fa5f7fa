package com.telemed.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import com.telemed.webkit.RsaJwk;

import io.jsonwebtoken.Jwts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mints access tokens shaped like auth-service's (RS256, {@code kid}, issuer {@code telemed-auth}, audience
 * {@code telemed}, a {@code role} claim) with a key pair made for this test JVM, and serves that key as a JWKS
 * on a loopback port so that services validate them exactly as they validate real ones.
 */
public final class TestTokens {

    public static final String ISSUER = "telemed-auth";
    public static final String AUDIENCE = "telemed";
    private static final String KID = "test-key-1";

    private static final KeyPair KEYS = rsa();
    private static final KeyPair STRANGER = rsa();
    private static volatile String jwksUri;

    private TestTokens() {
    }

    /** A valid token for {@code role} with subject {@code subject} (a user or patient id). */
    public static String mint(String role, Object subject) {
        return build(role, subject, Instant.now(), Duration.ofMinutes(15), KEYS, Map.of());
    }

    public static String mint(String role, Object subject, Map<String, ?> extraClaims) {
        return build(role, subject, Instant.now(), Duration.ofMinutes(15), KEYS, extraClaims);
    }

    public static String expired(String role, Object subject) {
        return build(role, subject, Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15), KEYS, Map.of());
    }

    /** Signed by a key that is not in the JWKS. */
    public static String forged(String role, Object subject) {
        return build(role, subject, Instant.now(), Duration.ofMinutes(15), STRANGER, Map.of());
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(String role, Object subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iss\":\""
                + ISSUER + "\",\"aud\":[\"" + AUDIENCE + "\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static String build(String role, Object subject, Instant issuedAt, Duration ttl, KeyPair keys,
            Map<String, ?> extra) {
        return Jwts.builder()
                .header().keyId(KID).and()
                .issuer(ISSUER)
                .audience().add(AUDIENCE).and()
                .subject(String.valueOf(subject))
                .claim("role", role)
                .claims(extra)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(ttl)))
                .signWith(keys.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    /** The JWKS document with this JVM's public key. */
    public static String jwks() {
        return JsonMapper.shared().writeValueAsString(
                Map.of("keys", List.of(RsaJwk.of(KID, (RSAPublicKey) KEYS.getPublic()))));
    }

    /** Where the JWKS is served (started on first call). */
    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
                server.createContext("/jwks.json", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwksUri;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
