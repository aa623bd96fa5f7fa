package com.telemed.servicekit.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for personal data and clinical free text at rest, and for secrets sealed into events. A ciphertext
 * reads {@code v1:<key id>:<base64(iv | ciphertext | tag)>}: the key id lets keys rotate, and the associated
 * data (e.g. {@code "patients.email"}) binds a ciphertext to its column, so one cannot be swapped for another.
 * Pure CPU work of a few microseconds: safe on an event-loop thread.
 */
public final class FieldCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // DRBG is seeded once, here, and then is pure computation: unlike the platform default it does not read
    // /dev/urandom on every call, which would be a blocking read on an event-loop thread.
    private static final SecureRandom RANDOM = seeded();

    private final Keyring keys;

    public FieldCipher(Keyring keys) {
        this.keys = keys;
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[IV_BYTES]);
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plaintext, String associatedData) {
        if (plaintext == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.current(), iv, associatedData,
                plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
        return VERSION + ":" + keys.currentId() + ":" + Base64.getEncoder().encodeToString(out.array());
    }

    public String decrypt(String ciphertext, String associatedData) {
        if (ciphertext == null) {
            return null;
        }
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new CipherFailure("Not a " + VERSION + " ciphertext");
        }
        SecretKey key = keys.byId(parts[1]);
        if (key == null) {
            throw new CipherFailure("Unknown key id " + parts[1]);
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CipherFailure("Ciphertext is not base64");
        }
        if (all.length < IV_BYTES + TAG_BITS / 8) {
            throw new CipherFailure("Ciphertext too short");
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return new String(run(Cipher.DECRYPT_MODE, key, iv, associatedData, sealed), StandardCharsets.UTF_8);
    }

    /** Whether a ciphertext was made with an older key and should be re-encrypted. */
    public boolean needsRotation(String ciphertext) {
        return ciphertext != null && !ciphertext.startsWith(VERSION + ":" + keys.currentId() + ":");
    }

    private static byte[] run(int mode, SecretKey key, byte[] iv, String associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            if (associatedData != null) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Wrong key, tampered data or wrong column: never say which, never echo the data.
            throw new CipherFailure("Ciphertext could not be opened");
        }
    }

    /** A ciphertext that cannot be opened; its message never contains data or keys. */
    public static final class CipherFailure extends RuntimeException {
        CipherFailure(String message) {
            super(message);
        }
    }
}
