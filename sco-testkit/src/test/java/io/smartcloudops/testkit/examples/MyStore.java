package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The examples' store: one file, replaced atomically, so a save that fails half-way leaves the one before. */
final class MyStore implements CheckpointStore {
    private final Path file;

    MyStore(Path file) {
        this.file = file;
    }

    @Override
    public void save(Content content) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.writeTo(out);
            PrivateFiles.writeAtomically(file, out.toByteArray());
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot save the checkpoint to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> openLatest() {
        try {
            return Files.exists(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
        } catch (IOException e) {
            throw new CheckpointStoreException("cannot read the checkpoint at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }
}
