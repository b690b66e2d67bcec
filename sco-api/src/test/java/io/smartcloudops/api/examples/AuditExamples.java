package io.smartcloudops.api.examples;

import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditHead;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Javadoc examples of the {@code audit}, {@code checkpoint} and {@code storage} packages; see {@link SpiExamples}. */
class AuditExamples {

    /** Stands in for the loop's checkpoint reader. */
    interface Decoder {
        void read(InputStream in) throws IOException;
    }

    void auditLog(AuditLog audit, AuditRecord record) {
        // tag::AuditLog[]
        AuditEntry e = audit.append(record); // durable once this returns
        List<AuditEntry> recent = audit.query(AuditQuery.latest(50));
        AuditVerification v = audit.verify(); // v.intact()
        // end::AuditLog[]
    }

    void auditQuery(AuditLog log) {
        // tag::AuditQuery[]
        List<AuditEntry> restarts = log.query(
                AuditQuery.builder().action("restart_service").limit(20).build());
        // end::AuditQuery[]
    }

    void auditRecord(AuditLog log) {
        // tag::AuditRecord[]
        log.append(new AuditRecord(
                AuditKind.ACTION,
                "system",
                "nginx",
                "restart_service",
                "dry_run",
                "alert NginxDown",
                Map.of("unit", "nginx")));
        // end::AuditRecord[]
    }

    void auditArchive(AuditArchive archive) {
        // tag::AuditArchive[]
        archive.archive(false); // on a schedule: every full segment not yet copied
        archive.archive(true); // at stop: the partial tail too
        List<String> rows = archive.storedRows(); // for a restore, oldest first
        // end::AuditArchive[]
    }

    void auditAnchor(AuditAnchor anchor, AuditHead head) {
        // tag::AuditAnchor[]
        anchor.publish(head); // anchor: e.g. a FileAuditAnchor outside the data dir
        Optional<AuditHead> newest = anchor.latest();
        // end::AuditAnchor[]
    }

    void checkpointStore(CheckpointStore store, CheckpointStore.Content encoder, Decoder decoder) throws IOException {
        // tag::CheckpointStore[]
        store.save(out -> encoder.writeTo(out)); // durable once this returns
        try (InputStream in = store.openLatest().orElse(InputStream.nullInputStream())) {
            decoder.read(in);
        }
        // end::CheckpointStore[]
    }

    void privateFiles(Path dataDir, Path anchorFile, byte[] bytes) throws IOException, SQLException {
        // tag::PrivateFiles[]
        PrivateFiles.directory(dataDir); // 0700 for each folder it creates
        Path db = PrivateFiles.database(dataDir.resolve("tokens.db"));
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); // -wal and -shm inherit 0600
        PrivateFiles.writeAtomically(anchorFile, bytes);
        // end::PrivateFiles[]
    }
}
