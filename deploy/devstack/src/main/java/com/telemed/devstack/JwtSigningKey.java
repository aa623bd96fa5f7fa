package com.telemed.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * auth-service's token signing key for the local platform: made once under the state directory
 * ({@code auth/jwt-signing-key.pem}, readable by the owner only) and reused, so sessions survive a restart of
 * {@code make dev}. Production sets {@code TELEMED_AUTH_JWT_PRIVATE_KEY} itself.
 */
final class JwtSigningKey {

    static final String FILE = "jwt-signing-key.pem";

    private JwtSigningKey() {
    }

    /** The PKCS#8 PEM in {@code dir}, created on first use. */
    static String pem(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the state directory's own permissions apply.
                }
                Files.writeString(tmp, generate(), StandardCharsets.US_ASCII);
                Files.move(tmp, file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file, e);
        }
    }

    private static String generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
