package io.smartcloudops.aws.s3;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How far the audit archive has got: the last archived entry's sequence and hash, and the object
 * holding it. Stored as a small properties file, replaced atomically so a crash leaves the old or
 * the new marker, never half of one.
 *
 * @param lastSequence 0 before the first segment
 * @param lastHash the hash the next segment's first entry must chain to (64 zeros at the start)
 */
public record ArchiveMarker(long lastSequence, String lastHash, String lastKey) {
    static final String GENESIS = "0".repeat(64);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ArchiveMarker {
        if (lastSequence < 0) {
            throw new IllegalArgumentException("lastSequence must be >= 0, got " + lastSequence);
        }
        if (lastHash == null || !HASH.matcher(lastHash).matches()) {
            throw new IllegalArgumentException("lastHash must be 64 hex digits, got '" + lastHash + "'");
        }
        lastKey = lastKey == null ? "" : lastKey;
    }

    static ArchiveMarker start() {
        return new ArchiveMarker(0, GENESIS, "");
    }

    static ArchiveMarker read(Path file) {
        if (!Files.exists(file)) {
            return start();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return new ArchiveMarker(
                    Long.parseLong(p.getProperty("lastSequence", "")),
                    p.getProperty("lastHash"),
                    p.getProperty("lastKey", ""));
        } catch (IOException | IllegalArgumentException e) {
            throw new S3StoreException(
                    "audit archive marker " + file + " is unreadable (" + e.getMessage()
                            + "); fix it from the last object in the archive, or delete it to archive again from entry 1",
                    e);
        }
    }

    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("lastSequence", Long.toString(lastSequence));
        p.setProperty("lastHash", lastHash);
        p.setProperty("lastKey", lastKey);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "SmartCloudOps audit archive progress; written after each confirmed upload");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new S3StoreException(
                    "could not record audit archive progress in " + file + ": " + e.getMessage()
                            + "; the segment up to " + lastSequence
                            + " is uploaded and will be uploaded again next time",
                    e);
        }
    }
}
