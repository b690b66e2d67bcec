package io.smartcloudops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every checkpoint store keeps: nothing saved reads as empty, the newest complete
 * checkpoint reads back byte for byte (streamed or in memory), and a save whose content fails
 * half-way leaves the previous checkpoint as it was.
 *
 * <pre>{@code
 * class MyStoreTest extends CheckpointStoreContract {
 *     @TempDir
 *     Path dir;
 *
 *     protected CheckpointStore newStore() {
 *         return new MyStore(dir.resolve("detectors.ckpt"));
 *     }
 * }
 * }</pre>
 */
public abstract class CheckpointStoreContract {
    /** For the plugin's own test class, which extends this one. */
    protected CheckpointStoreContract() {}

    /** A store over an empty location, new for each test. */
    protected abstract CheckpointStore newStore() throws Exception;

    private static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(CheckpointStore store) throws IOException {
        Optional<InputStream> in = store.openLatest();
        assertThat(in).as("a checkpoint after a save").isPresent();
        try (InputStream s = in.get()) {
            return s.readAllBytes();
        }
    }

    @Test
    void aStoreWithNothingSavedHasNoCheckpoint() throws Exception {
        try (CheckpointStore store = newStore()) {
            assertThat(store.openLatest()).isEmpty();
            assertThat(store.loadLatest()).isEmpty();
            assertThat(store.location()).isNotBlank();
        }
    }

    @Test
    void theNewestCheckpointReadsBackByteForByte() throws Exception {
        try (CheckpointStore store = newStore()) {
            store.save(content(1_000, 1));
            byte[] newer = content(300_000, 2);
            store.save(out -> {
                for (int at = 0; at < newer.length; at += 4096) { // streamed in pieces, as the loop writes
                    out.write(newer, at, Math.min(4096, newer.length - at));
                }
            });
            assertThat(read(store)).isEqualTo(newer);
            assertThat(store.loadLatest()).hasValueSatisfying(b -> assertThat(b).isEqualTo(newer));
        }
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousCheckpoint() throws Exception {
        try (CheckpointStore store = newStore()) {
            byte[] good = content(10_000, 3);
            store.save(good);
            assertThatThrownBy(() -> store.save(out -> {
                        out.write(content(5_000, 4));
                        throw new IOException("the encoder failed");
                    }))
                    .isInstanceOf(CheckpointStoreException.class);
            assertThat(read(store)).isEqualTo(good);
        }
    }

    @Test
    void anEmptyCheckpointIsACheckpoint() throws Exception {
        try (CheckpointStore store = newStore()) {
            store.save(new byte[0]);
            assertThat(read(store)).isEmpty();
        }
    }
}
