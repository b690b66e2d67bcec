package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Verification of a log file that changes nothing: the database is opened read-only (a forensic
 * copy on read-only media verifies), the key file is only read, and a missing log file is a
 * failure when an anchor says entries existed.
 */
final class ReadOnlyVerification {
    private ReadOnlyVerification() {}

    /** See {@link SqliteAuditLog#verifyReadOnly}. */
    static AuditVerification verify(Path file, Path keyFile, List<AuditAnchor> anchors) {
        AuditKeyring keys = AuditKeyring.read(keyFile);
        if (!Files.exists(file)) {
            for (AuditAnchor a : anchors) {
                Optional<io.smartcloudops.api.audit.AuditHead> h = a.latest();
                if (h.isPresent() && h.get().sequence() > 0) {
                    return new AuditVerification(
                            0,
                            1,
                            "the audit log " + file + " is missing, but " + a.describe() + " recorded "
                                    + h.get().sequence() + " entries");
                }
            }
            return new AuditVerification(0, 1, "the audit log " + file + " does not exist");
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        // Without a WAL beside it (a closed log, a copy) the file is opened immutable: SQLite then
        // creates no -wal or -shm and takes no lock, so read-only media and copies verify as they are.
        boolean live = Files.exists(Path.of(file.toAbsolutePath() + "-wal"));
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + (live ? "?mode=ro" : "?immutable=1");
        try (Connection c = config.createConnection(url)) {
            return ChainCheck.walk(c, keys, new AuditHashing(new ObjectMapper()), anchors);
        } catch (SQLException e) {
            throw new AuditException("cannot read audit log " + file + " read-only: " + e.getMessage(), e);
        }
    }
}
