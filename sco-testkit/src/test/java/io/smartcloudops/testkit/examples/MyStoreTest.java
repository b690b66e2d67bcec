package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.testkit.CheckpointStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

// CheckpointStoreContract's example, run here against the examples' own store.
// tag::CheckpointStoreContract[]
class MyStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    protected CheckpointStore newStore() {
        return new MyStore(dir.resolve("detectors.ckpt"));
    }
}
// end::CheckpointStoreContract[]
