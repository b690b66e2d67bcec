package io.smartcloudops.api.checkpoint;

import java.util.Optional;

/**
 * Where the loop keeps its detectors' checkpoint: one opaque blob (the loop's own encoding, which
 * carries its own digest), saved whole and read back whole. A store keeps at least the newest
 * complete blob; a save that fails leaves the previous one readable.
 *
 * <pre>{@code
 * store.save(encoded);                       // durable once this returns
 * byte[] last = store.loadLatest().orElse(null);
 * }</pre>
 */
public interface CheckpointStore extends AutoCloseable {

    /** Saves a complete checkpoint; throws {@link CheckpointStoreException} when it cannot. */
    void save(byte[] checkpoint);

    /** The newest complete checkpoint, or empty when none was ever saved. */
    Optional<byte[]> loadLatest();

    /** Where this store writes, for logs and health ({@code /var/lib/sco/detectors.ckpt}, {@code s3://bucket/prefix/models/agent/}). */
    String location();

    @Override
    default void close() {
    }
}
