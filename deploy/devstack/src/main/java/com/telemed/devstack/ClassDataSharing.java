package com.telemed.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Faster JVM starts through Spring Boot's extracted layout and an application class-data sharing archive,
 * both kept in {@code .telemed/run/<name>/} and tied to the jar's checksum. The archive comes from a training
 * run ({@code -XX:ArchiveClassesAtExit} with {@code -Dspring.context.exit=onRefresh}, see
 * {@link ClassDataTraining}) made after the first start of a new jar. If extraction or training fails, the
 * component simply starts without an archive.
 */
final class ClassDataSharing {

    private static final String ARCHIVE = "app.jsa";
    private static final String SOURCE = "source.sha256";
    private static final String TRAINING_FAILED = "training-failed";
    private static final String ARCHIVE_JVM = "archive.jvm";
    /** The JVM the children run on (the launcher's own). */
    private static final String JVM = System.getProperty("java.home") + " " + System.getProperty("java.vm.version");

    /** How to run one Java component: the jar to launch and, when there is one, its archive. */
    record Layout(Component component, Path jar, Path dir, Optional<Path> archive, boolean trainable) {

        List<String> runOptions() {
            return archive.map(a -> List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"))
                    .orElse(List.of());
        }

        List<String> trainingOptions() {
            return List.of("-XX:ArchiveClassesAtExit=" + pendingArchive(), "-Dspring.context.exit=onRefresh");
        }

        Path pendingArchive() {
            return dir.resolve(ARCHIVE + ".tmp");
        }
    }

    private final Settings settings;
    private final ChildCommand commands;

    ClassDataSharing(Settings settings, ChildCommand commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /** Extracts the jar when it changed (or on first use) and reports what can be used. */
    Layout prepare(Component component) {
        Path jar = component.artifact();
        Path dir = settings.runDir().resolve(component.name());
        if (!settings.classDataSharing()) {
            return new Layout(component, jar, dir, Optional.empty(), false);
        }
        try {
            Path extracted = dir.resolve(jar.getFileName());
            Path source = dir.resolve(SOURCE);
            boolean current = Files.isRegularFile(extracted) && matchesSource(jar, source);
            if (!current) {
                deleteRecursively(dir);
                Files.createDirectories(dir.getParent());
                Process p = new ProcessBuilder(commands.extract(jar, dir))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor() != 0 || !Files.isRegularFile(extracted)) {
                    return new Layout(component, jar, dir, Optional.empty(), false);
                }
                writeSource(jar, sha256(jar), source);
            }
            Path archive = dir.resolve(ARCHIVE);
            Path jvm = dir.resolve(ARCHIVE_JVM);
            if (!JVM.equals(readOrEmpty(jvm))) { // an archive only fits the JVM that wrote it
                Files.deleteIfExists(archive);
                Files.deleteIfExists(dir.resolve(TRAINING_FAILED));
                Files.writeString(jvm, JVM + "\n");
            }
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new Layout(component, extracted, dir, Optional.of(archive), false);
            }
            boolean trainable = !Files.exists(dir.resolve(TRAINING_FAILED));
            return new Layout(component, extracted, dir, Optional.empty(), trainable);
        } catch (IOException e) {
            return new Layout(component, jar, dir, Optional.empty(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Layout(component, jar, dir, Optional.empty(), false);
        }
    }

    /**
     * After a training run: keep the archive if the run succeeded; if it failed on its own, remember not to try
     * again for this jar; if it was stopped or timed out, just try again next time.
     */
    boolean finishTraining(Layout layout, int exitCode, boolean retryLater) {
        Path pending = layout.pendingArchive();
        try {
            if (!retryLater && exitCode == 0 && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                Files.move(pending, layout.dir().resolve(ARCHIVE),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
            Files.deleteIfExists(pending);
            if (!retryLater) {
                Files.writeString(layout.dir().resolve(TRAINING_FAILED), "training run exited with code " + exitCode
                        + " (see training.log); delete this file, or rebuild the jar, to try again\n");
            }
        } catch (IOException ignored) {
            // no archive then
        }
        return false;
    }

    /**
     * The source file records "checksum size mtime" of the jar last extracted. Size and time equal: same jar,
     * no hashing. Otherwise the checksum decides (a rebuild that produced identical bytes keeps the archive).
     */
    private static boolean matchesSource(Path jar, Path source) throws IOException {
        String[] recorded = readOrEmpty(source).split(" ");
        if (recorded.length != 3) {
            return false;
        }
        String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (stamp.equals(recorded[1] + " " + recorded[2])) {
            return true;
        }
        String checksum = sha256(jar);
        if (checksum.equals(recorded[0])) {
            writeSource(jar, checksum, source);
            return true;
        }
        return false;
    }

    private static void writeSource(Path jar, String checksum, Path source) throws IOException {
        Files.writeString(source,
                checksum + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + "\n");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
