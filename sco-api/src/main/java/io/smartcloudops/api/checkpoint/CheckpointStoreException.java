package io.smartcloudops.api.checkpoint;

/** A checkpoint could not be saved or read; the message says where and why. */
public class CheckpointStoreException extends RuntimeException {
    public CheckpointStoreException(String message) {
        super(message);
    }

    public CheckpointStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
