package com.telemed.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.telemed.testkit.ServiceTest;

import io.jsonwebtoken.Jwts;

@ServiceTest
class JwksIT {

    @Autowired
    WebTestClient web;

    @Autowired
    SigningKeys keys;

    @Test
    void publishesTheSigningKeyWithoutATokenAndItVerifiesWhatTheKeySigns() throws Exception {
        String body = web.get().uri("/api/v1/auth/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        RSAKey published = (RSAKey) JWKSet.parse(body).getKeyByKeyId(keys.currentKid());
        assertThat(published).isNotNull();
        assertThat(published.isPrivate()).isFalse();
        String token = Jwts.builder().subject("7").expiration(new Date(System.currentTimeMillis() + 60_000))
                .signWith(keys.current().getPrivate(), Jwts.SIG.RS256).compact();
        assertThat(Jwts.parser().verifyWith(published.toRSAPublicKey()).build().parseSignedClaims(token)
                .getPayload().getSubject()).isEqualTo("7");
    }
}
