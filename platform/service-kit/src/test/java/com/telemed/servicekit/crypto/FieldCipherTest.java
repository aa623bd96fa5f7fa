package com.telemed.servicekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class FieldCipherTest {

    private static final String K1 = "k1:" + randomKey();
    private static final String K2 = "k2:" + randomKey();

    private final FieldCipher cipher = new FieldCipher(Keyring.parse("TEST_KEYS", K1));

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt("Ana Pérez", "patients.full_name");
        String b = cipher.encrypt("Ana Pérez", "patients.full_name");

        assertThat(a).startsWith("v1:k1:").doesNotContain("Ana");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.decrypt(a, "patients.full_name")).isEqualTo("Ana Pérez");
        assertThat(cipher.encrypt(null, "x")).isNull();
    }

    @Test
    void aCiphertextMovedToAnotherColumnOrTamperedWithDoesNotOpen() {
        String email = cipher.encrypt("ana@example.org", "patients.email");
        char[] chars = email.toCharArray();
        // A character in the middle of the payload: every bit of it counts (unlike those next to padding).
        int middle = email.lastIndexOf(':') + (email.length() - email.lastIndexOf(':')) / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> cipher.decrypt(email, "patients.phone"))
                .isInstanceOf(FieldCipher.CipherFailure.class)
                .hasMessageNotContaining("ana@example.org");
        assertThatThrownBy(() -> cipher.decrypt(new String(chars), "patients.email"))
                .isInstanceOf(FieldCipher.CipherFailure.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:k9:AAAA", "patients.email"))
                .isInstanceOf(FieldCipher.CipherFailure.class).hasMessageContaining("k9");
        assertThatThrownBy(() -> cipher.decrypt("plain text", "patients.email"))
                .isInstanceOf(FieldCipher.CipherFailure.class);
    }

    @Test
    void aNewKeyEncryptsWhileTheOldOneStillDecrypts() {
        String old = cipher.encrypt("+34 600 000 000", "patients.phone");
        FieldCipher rotated = new FieldCipher(Keyring.parse("TEST_KEYS", K2 + "," + K1));

        assertThat(rotated.decrypt(old, "patients.phone")).isEqualTo("+34 600 000 000");
        assertThat(rotated.needsRotation(old)).isTrue();
        String fresh = rotated.encrypt("+34 600 000 000", "patients.phone");
        assertThat(fresh).startsWith("v1:k2:");
        assertThat(rotated.needsRotation(fresh)).isFalse();
        assertThatThrownBy(() -> cipher.decrypt(fresh, "patients.phone")).isInstanceOf(FieldCipher.CipherFailure.class);
    }

    @Test
    void badKeySettingsAreRefusedWithoutEchoingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> Keyring.parse("TELEMED_PII_KEYS", "k1:" + shortKey))
                .hasMessageContaining("TELEMED_PII_KEYS").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> Keyring.parse("TELEMED_PII_KEYS", "")).hasMessageContaining("not set");
        assertThatThrownBy(() -> Keyring.parse("TELEMED_PII_KEYS", "no-colon")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Keyring.parse("TELEMED_PII_KEYS", K1 + "," + K1)).hasMessageContaining("twice");
    }

    @Test
    void encryptingOnAnEventLoopThreadDoesNotBlock() {
        // BlockHound is installed in this JVM: a blocking read (e.g. of /dev/urandom) would fail here.
        Mono<String> onParallel = Mono.fromCallable(() -> cipher.decrypt(cipher.encrypt("x", "a"), "a"))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(onParallel).expectNext("x").verifyComplete();
    }

    @Test
    void theBlindIndexIgnoresCaseAndSpacesAndDependsOnTheKey() {
        BlindIndex index = new BlindIndex("TEST_INDEX_KEY", randomKey());
        BlindIndex other = new BlindIndex("TEST_INDEX_KEY", randomKey());

        assertThat(index.ofEmail(" Ana@Example.org ")).isEqualTo(index.ofEmail("ana@example.org"));
        assertThat(index.ofEmail("ana@example.org")).isNotEqualTo(index.ofEmail("ana2@example.org"))
                .isNotEqualTo(other.ofEmail("ana@example.org"))
                .doesNotContain("ana").hasSize(64);
        assertThatThrownBy(() -> new BlindIndex("TEST_INDEX_KEY", "")).hasMessageContaining("not set");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
