package io.smartcloudops.api.audit;

/** What an audit entry records. */
public enum AuditKind {
    /** An alert changed state (pending, firing, resolved). */
    ALERT,
    /** An action was asked for, attempted, or ended; the outcome says which. */
    ACTION,
    /** An approval was given, denied or expired. */
    APPROVAL,
    /** A chat query that proposed or approved something. */
    CHAT,
    /** The agent itself: start, stop, configuration reload. */
    SYSTEM
}
