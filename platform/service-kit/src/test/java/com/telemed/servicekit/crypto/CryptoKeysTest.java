package com.telemed.servicekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class CryptoKeysTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void anUnsetKeyIsAnErrorOutsideLocalMode() {
        CryptoKeys keys = new CryptoKeys(new MockEnvironment());

        assertThatThrownBy(() -> keys.cipher(CryptoKeys.PII_KEYS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(CryptoKeys.PII_KEYS);
        assertThatThrownBy(() -> keys.blindIndex(CryptoKeys.BLIND_INDEX_KEY))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDevelopmentKeySetByHandIsRefusedWithoutDevelopmentKeys() {
        String devKey = CryptoKeys.developmentKey(CryptoKeys.PII_KEYS);
        CryptoKeys keys = new CryptoKeys(new MockEnvironment().withProperty(CryptoKeys.PII_KEYS, "k1:" + devKey));

        assertThatThrownBy(() -> keys.cipher(CryptoKeys.PII_KEYS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("public development key");
    }

    @Test
    void developmentKeysAreTheSameInEveryServiceSoSealsOpenAcrossThem() {
        MockEnvironment env = new MockEnvironment().withProperty("telemed.crypto.dev-keys", "true");
        EventSeal producer = new EventSeal(new CryptoKeys(env).cipher(CryptoKeys.EVENT_SEAL_KEYS));
        EventSeal notification = new EventSeal(new CryptoKeys(env).cipher(CryptoKeys.EVENT_SEAL_KEYS));

        String sealed = producer.seal("password-reset.requested", "sealed_token", "s3cret");

        assertThat(sealed).doesNotContain("s3cret");
        assertThat(notification.open("password-reset.requested", "sealed_token", sealed)).isEqualTo("s3cret");
    }

    @Test
    void aSealIsBoundToItsEventTypeAndField() {
        MockEnvironment env = new MockEnvironment().withProperty("telemed.crypto.dev-keys", "true");
        EventSeal seal = new EventSeal(new CryptoKeys(env).cipher(CryptoKeys.EVENT_SEAL_KEYS));
        String sealed = seal.seal("password-reset.requested", "sealed_token", "s3cret");

        assertThatThrownBy(() -> seal.open("patient.login-link.issued", "sealed_token", sealed))
                .isInstanceOf(FieldCipher.CipherFailure.class);
    }

    @Test
    void aConfiguredKeyWinsOverTheDevelopmentOne() {
        MockEnvironment dev = new MockEnvironment().withProperty("telemed.crypto.dev-keys", "true");
        MockEnvironment configured = new MockEnvironment().withProperty("telemed.crypto.dev-keys", "true")
                .withProperty(CryptoKeys.PII_KEYS, "k1:" + KEY);
        String sealed = new CryptoKeys(configured).cipher(CryptoKeys.PII_KEYS).encrypt("ana", "patient.name");

        assertThat(sealed).startsWith("v1:k1:");
        assertThatThrownBy(() -> new CryptoKeys(dev).cipher(CryptoKeys.PII_KEYS).decrypt(sealed, "patient.name"))
                .isInstanceOf(RuntimeException.class);
    }
}
