package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditHead;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The places a log publishes its head to, so that verification sees a truncated, emptied, deleted
 * or replaced log: compared with the stored chain when the log opens, published at an interval and
 * at close. An anchor that cannot be written is reported until it can again, never fatal to the
 * log. Publishing runs on the checkpoint thread as well as the log's, hence the concurrent list.
 */
final class AuditAnchors {
    private final List<AuditAnchor> anchors;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    AuditAnchors(List<AuditAnchor> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    List<AuditAnchor> all() {
        return anchors;
    }

    /** One line per anchor whose head the chain behind {@code connection} does not reach or contain (empty when all agree). */
    List<String> disagreements(Connection connection, AuditKeyring keys) {
        List<String> out = new ArrayList<>();
        for (AuditAnchor a : anchors) {
            try {
                Optional<AuditHead> head = a.latest();
                if (head.isPresent()) {
                    String p = ChainCheck.disagreement(connection, keys, head.get(), a.describe());
                    if (p != null) {
                        out.add(p);
                    }
                }
            } catch (RuntimeException | SQLException e) {
                out.add(a.describe() + " cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    /** Publishes {@code head} to every anchor; a failing anchor is reported, not fatal. */
    void publish(AuditHead head) {
        for (AuditAnchor a : anchors) {
            try {
                a.publish(head);
                problems.remove(a.describe());
            } catch (RuntimeException e) {
                if (!problems.contains(a.describe())) {
                    problems.add(a.describe());
                }
            }
        }
    }

    /** Anchors that could not be written lately (empty when all are current). */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
