package io.smartcloudops.runtime;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.spi.CheckpointStoreProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.Set;

/** {@code file}, the default: {@code detectors.ckpt} in the data directory, or {@code file: PATH}. */
public final class FileCheckpointStoreProvider implements CheckpointStoreProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public CheckpointStore open(ProviderContext context) {
        context.config().requireOnly(Set.of("store", "file"));
        String file = context.config().string("file", null);
        return new FileCheckpointStore(
                file == null
                        ? context.dataDir().resolve(DetectorCheckpoints.FILE)
                        : context.dataDir().resolve(file));
    }
}
