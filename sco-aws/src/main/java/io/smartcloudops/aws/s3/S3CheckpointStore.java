package io.smartcloudops.aws.s3;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import io.smartcloudops.api.detect.DetectorState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The loop's detector checkpoint as S3 objects, through {@link S3ModelStore}: each save is a new
 * object under {@code <prefix>models/<model>/}, verified by SHA-256 on load, and the newest is the
 * one restored (a lifecycle rule on the prefix expires old ones: see the Terraform). A checkpoint
 * is one PUT with its SHA-256, so it is assembled in memory first (S3 wants the length and digest
 * up front): this store suits checkpoints of up to some hundred thousand series; a multipart upload
 * would lift that.
 */
public final class S3CheckpointStore implements CheckpointStore {
    /** How the whole-loop checkpoint is named among S3ModelStore's per-detector states. */
    static final String KIND = "loop";

    static final int VERSION = 1;

    private final S3ModelStore store;
    private final String model;
    private final String location;

    public S3CheckpointStore(S3ModelStore store, String model, String location) {
        this.store = Objects.requireNonNull(store, "store");
        this.model = Objects.requireNonNull(model, "model");
        this.location = location;
    }

    @Override
    public void save(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            content.writeTo(bytes);
        } catch (IOException e) {
            throw new CheckpointStoreException(
                    "cannot encode the checkpoint for " + location + ": " + e.getMessage(), e);
        }
        save(bytes.toByteArray());
    }

    @Override
    public void save(byte[] checkpoint) {
        try {
            store.save(model, new DetectorState(KIND, VERSION, checkpoint));
        } catch (S3StoreException e) {
            throw new CheckpointStoreException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> openLatest() {
        return loadLatest().map(ByteArrayInputStream::new);
    }

    @Override
    public Optional<byte[]> loadLatest() {
        try {
            return store.loadLatest(model).map(DetectorState::bytes);
        } catch (S3StoreException e) {
            throw new CheckpointStoreException(e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        store.close();
    }
}
