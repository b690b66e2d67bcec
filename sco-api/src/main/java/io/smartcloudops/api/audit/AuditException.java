package io.smartcloudops.api.audit;

import io.smartcloudops.api.ScoException;

/** The audit log could not record or read (disk full, file locked, corrupt). */
public class AuditException extends ScoException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
