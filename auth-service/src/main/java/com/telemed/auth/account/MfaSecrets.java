package com.telemed.auth.account;

import org.springframework.stereotype.Component;

import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;

/** TOTP secrets at rest: AES-GCM under the PII keys, bound to the column. */
@Component
public class MfaSecrets {

    private static final String COLUMN = "users.mfa_secret";

    private final FieldCipher cipher;

    public MfaSecrets(CryptoKeys keys) {
        this.cipher = keys.cipher(CryptoKeys.PII_KEYS);
    }

    public String seal(String base32Secret) {
        return cipher.encrypt(base32Secret, COLUMN);
    }

    public byte[] open(String sealed) {
        return Totp.fromBase32(cipher.decrypt(sealed, COLUMN));
    }
}
