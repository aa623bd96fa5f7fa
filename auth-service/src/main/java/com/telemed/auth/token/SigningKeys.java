package com.telemed.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.telemed.webkit.RsaJwk;

/**
 * The RSA key that signs access tokens, and the public keys services trust. The private key comes from
 * {@code TELEMED_AUTH_JWT_PRIVATE_KEY} (PKCS#8 PEM); without it a key pair is generated at start, which suits a
 * single local instance only (tokens do not survive a restart). The key id is derived from the public key, so
 * every replica loaded with the same key publishes the same {@code kid}.
 *
 * <p>Rotation: move the old private key's public half to {@code TELEMED_AUTH_JWT_PREVIOUS_PUBLIC_KEY} (X.509 PEM)
 * and set the new private key. The JWKS then publishes both, so tokens signed before the switch stay valid until
 * they expire (15 minutes); after that the previous key can be dropped.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final KeyPair current;
    private final String currentKid;
    private final Map<String, RSAPublicKey> trusted;

    public SigningKeys(@Value("${telemed.auth.jwt.private-key:}") String privateKeyPem,
            @Value("${telemed.auth.jwt.previous-public-key:}") String previousPublicKeyPem) {
        this.current = privateKeyPem.isBlank() ? generate() : load(privateKeyPem);
        this.currentKid = kidOf((RSAPublicKey) current.getPublic());
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        keys.put(currentKid, (RSAPublicKey) current.getPublic());
        if (!previousPublicKeyPem.isBlank()) {
            RSAPublicKey previous = loadPublic(previousPublicKeyPem);
            keys.putIfAbsent(kidOf(previous), previous);
        }
        this.trusted = Collections.unmodifiableMap(keys);
    }

    /** Public keys that verify tokens, by {@code kid}: the current one first, then the previous one. */
    public Map<String, RSAPublicKey> trusted() {
        return trusted;
    }

    public KeyPair current() {
        return current;
    }

    public String currentKid() {
        return currentKid;
    }

    /** The JWKS document: {@code {"keys":[{kty, use, alg, kid, n, e}]}}. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        trusted.forEach((kid, key) -> keys.add(RsaJwk.of(kid, key)));
        return Map.of("keys", List.copyOf(keys));
    }

    private static KeyPair generate() {
        log.warn("No TELEMED_AUTH_JWT_PRIVATE_KEY set: generated a signing key for this run only");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair load(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new KeyPair(publicKey, key);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("TELEMED_AUTH_JWT_PRIVATE_KEY is not an RSA PKCS#8 PEM key", e);
        }
    }

    private static RSAPublicKey loadPublic(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("TELEMED_AUTH_JWT_PREVIOUS_PUBLIC_KEY is not an RSA X.509 PEM key", e);
        }
    }

    static String kidOf(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
