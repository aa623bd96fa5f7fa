package com.telemed.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.jwk.JWKSet;
import com.telemed.testkit.ServiceTest;

import io.jsonwebtoken.Jwts;

/** After a key rotation, tokens signed with the previous key keep working until they expire. */
@ServiceTest
class KeyRotationIT {

    static final KeyPair PREVIOUS = rsa();
    static final KeyPair CURRENT = rsa();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("telemed.auth.jwt.private-key", () -> pem("PRIVATE KEY", CURRENT.getPrivate().getEncoded()));
        registry.add("telemed.auth.jwt.previous-public-key", () -> pem("PUBLIC KEY", PREVIOUS.getPublic().getEncoded()));
    }

    @Autowired
    WebTestClient web;

    @Autowired
    SigningKeys keys;

    @Test
    void theJwksPublishesBothKeysAndATokenOfThePreviousKeyIsStillAccepted() throws Exception {
        String previousKid = SigningKeys.kidOf((RSAPublicKey) PREVIOUS.getPublic());
        String body = web.get().uri("/api/v1/auth/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JWKSet set = JWKSet.parse(body);
        assertThat(set.getKeys()).hasSize(2);
        assertThat(set.getKeyByKeyId(keys.currentKid())).isNotNull();
        assertThat(set.getKeyByKeyId(previousKid)).isNotNull();
        assertThat(keys.current().getPublic()).isEqualTo(CURRENT.getPublic());

        String old = token(PREVIOUS, previousKid, "admin", 60_000);
        web.get().uri("/api/v1/admin/medical-professionals").headers(h -> h.setBearerAuth(old)).exchange()
                .expectStatus().isOk();
        String expired = token(PREVIOUS, previousKid, "admin", -60_000);
        web.get().uri("/api/v1/admin/medical-professionals").headers(h -> h.setBearerAuth(expired)).exchange()
                .expectStatus().isUnauthorized();
        String stranger = token(rsa(), previousKid, "admin", 60_000);
        web.get().uri("/api/v1/admin/medical-professionals").headers(h -> h.setBearerAuth(stranger)).exchange()
                .expectStatus().isUnauthorized();
    }

    private static String token(KeyPair pair, String kid, String role, long validForMillis) {
        long now = System.currentTimeMillis();
        return Jwts.builder().header().keyId(kid).and().issuer("telemed-auth").audience().add("telemed").and()
                .subject("1").claim("role", role).issuedAt(new Date(now - 120_000))
                .expiration(new Date(now + validForMillis)).signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
