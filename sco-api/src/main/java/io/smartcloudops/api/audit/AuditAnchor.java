package io.smartcloudops.api.audit;

import java.util.Optional;

/**
 * Keeps the audit chain's head somewhere the log's own files are not, so that truncating the log,
 * emptying it, deleting it or replacing it with a recomputed chain is seen by verification: the
 * log publishes its head at a fixed interval and when it closes, and verification fails when the
 * log does not reach, or does not contain, the newest head an anchor holds.
 *
 * <p>The built-in anchor is a file outside the data directory; remote ones (the peer host over the
 * link, an S3 object, a notifier that keeps history) implement this interface. {@link #publish}
 * may be slow or fail: it is called off the append path and a failure is reported, not fatal.
 *
 * <pre>{@code
 * anchor.publish(head); // anchor: e.g. a FileAuditAnchor outside the data dir
 * Optional<AuditHead> newest = anchor.latest();
 * }</pre>
 */
public interface AuditAnchor {
    /** A short name for messages ({@code file:/var/lib/sco.audit-anchor}, {@code s3://bucket/key}). */
    String describe();

    /** Stores {@code head} in place of the one stored (the log records any gap in its chain before it publishes a lower head). */
    void publish(AuditHead head);

    /** The newest head stored, if any; throws {@link AuditException} when the anchor cannot be read. */
    Optional<AuditHead> latest();
}
