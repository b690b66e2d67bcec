package io.smartcloudops.runtime;

import io.smartcloudops.api.storage.PrivateFiles;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint in one file. It is written whole to a temporary file (owner-only), forced to disk,
 * then renamed over the last one: a crash at any moment leaves the previous complete checkpoint
 * (or the new one), never a torn file.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final int MAX_BYTES = 512 * 1024 * 1024;

    private final Path file;
    private final Path temporary;

    public FileCheckpointStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.temporary = Path.of(file + ".tmp");
    }

    @Override
    public void save(byte[] checkpoint) {
        try {
            Files.deleteIfExists(temporary);
            PrivateFiles.createFile(temporary);
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(checkpoint);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself must survive a power cut
            } catch (IOException ignored) {
                // some file systems cannot open a directory; the rename is still atomic there
            }
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot write detector checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> loadLatest() {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CheckpointStoreException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }
}
