package io.smartcloudops.aws.s3;

import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.checkpoint.CheckpointStoreException;
import io.smartcloudops.api.detect.DetectorState;
import java.util.Objects;
import java.util.Optional;

/**
 * The loop's detector checkpoint as S3 objects, through {@link S3ModelStore}: each save is a new
 * object under {@code <prefix>models/<model>/}, verified by SHA-256 on load, and the newest is the
 * one restored (a lifecycle rule on the prefix expires old ones: see the Terraform).
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
    public void save(byte[] checkpoint) {
        try {
            store.save(model, new DetectorState(KIND, VERSION, checkpoint));
        } catch (S3StoreException e) {
            throw new CheckpointStoreException(e.getMessage(), e);
        }
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
