package io.smartcloudops.runtime;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint in one file. It is streamed into a temporary file (owner-only), forced to disk,
 * then renamed over the last one: a crash at any moment leaves the previous complete checkpoint
 * (or the new one), never a torn file.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private final Path file;
    private final Path temporary;

    public FileCheckpointStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.temporary = Path.of(file + ".tmp");
    }

    @Override
    public void save(Content content) {
        try {
            Files.deleteIfExists(temporary);
            PrivateFiles.createFile(temporary);
            try (FileChannel ch =
                    FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // written through a buffer as the loop encodes it, series by series: never whole in memory
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself must survive a power cut
            } catch (IOException ignored) {
                // some file systems cannot open a directory; the rename is still atomic there
            }
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the next save deletes it first
            }
            throw new CheckpointStoreException("cannot write detector checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> openLatest() {
        try {
            return Optional.of(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
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
