package io.smartcloudops.api.examples;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import io.smartcloudops.api.spi.CheckpointStoreProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

// The CheckpointStoreProvider example.
// tag::CheckpointStoreProvider[]
public final class MyStoreProvider implements CheckpointStoreProvider {
    public String name() {
        return "mine";
    }

    public CheckpointStore open(ProviderContext context) {
        return new MyStore(context.dataDir().resolve(context.config().string("file", "detectors.ckpt")));
    }
}
// end::CheckpointStoreProvider[]

/** One file, replaced atomically; it holds the checkpoint in memory, which a store for many series must not. */
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
