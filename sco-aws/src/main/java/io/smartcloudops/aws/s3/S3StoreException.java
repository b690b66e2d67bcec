package io.smartcloudops.aws.s3;

import io.smartcloudops.api.ScoException;

/** An S3 store could not save, load or archive; the message names the object and what to do. */
public class S3StoreException extends ScoException {
    private static final long serialVersionUID = 1L;

    public S3StoreException(String message) {
        super(message);
    }

    public S3StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
