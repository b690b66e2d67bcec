package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.testkit.CheckpointStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in file store keeps the checkpoint store contract, owner-only. */
class FileCheckpointStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    @Override
    protected CheckpointStore newStore() {
        return new FileCheckpointStore(dir.resolve("detectors.ckpt"));
    }

    @Test
    void theCheckpointIsReadableByItsOwnerOnlyAndNoTemporaryFileStays() throws Exception {
        new FileCheckpointStore(dir.resolve("detectors.ckpt")).save(new byte[] {1, 2, 3});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("detectors.ckpt"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("detectors.ckpt");
        }
    }
}
