package io.smartcloudops.api.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Where the loop keeps its detectors' checkpoint: one opaque stream of bytes (the loop's own
 * encoding, which carries its own digest). A store keeps at least the newest complete checkpoint;
 * a save that fails leaves the previous one readable. Checkpoints of many series are large (a
 * million series are gigabytes), so both directions stream: the loop writes series by series into
 * the store's stream, and reads them back the same way, never holding the whole in memory.
 *
 * <pre>{@code
 * store.save(out -> encoder.writeTo(out)); // durable once this returns
 * try (InputStream in = store.openLatest().orElse(InputStream.nullInputStream())) {
 *     decoder.read(in);
 * }
 * }</pre>
 */
public interface CheckpointStore extends AutoCloseable {

    /** A checkpoint's content, written on demand into the store's stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Saves a complete checkpoint: {@code content} is written once into the store's stream, and
     * the checkpoint replaces the previous one only when all of it is durable.
     *
     * @throws CheckpointStoreException when it cannot be saved (the previous one stays)
     */
    void save(Content content);

    /**
     * The newest complete checkpoint as a stream the caller closes, or empty when none was ever saved.
     *
     * @throws CheckpointStoreException when it exists but cannot be read
     */
    Optional<InputStream> openLatest();

    /** Where this store writes, for logs and health ({@code /var/lib/sco/detectors.ckpt}, {@code s3://bucket/prefix/models/agent/}). */
    String location();

    /** Saves a checkpoint held in memory. */
    default void save(byte[] checkpoint) {
        save(out -> out.write(checkpoint));
    }

    /** The newest complete checkpoint read into memory, or empty; for small checkpoints and tests. */
    default Optional<byte[]> loadLatest() {
        Optional<InputStream> in = openLatest();
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get();
                ByteArrayOutputStream all = new ByteArrayOutputStream()) {
            s.transferTo(all);
            return Optional.of(all.toByteArray());
        } catch (IOException e) {
            throw new CheckpointStoreException(
                    "cannot read the checkpoint at " + location() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CheckpointStoreException(
                    "cannot read the checkpoint at " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    default void close() {}
}
