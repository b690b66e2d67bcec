package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * A child process for the crash test: appends entries as fast as it can and prints
 * {@code ack <seq>} after each append returns, until it is killed.
 */
public final class AuditBurstWriter {
    private AuditBurstWriter() {}

    public static void main(String[] args) {
        try (SqliteAuditLog log = SqliteAuditLog.open(Path.of(args[0]), InstantSource.system())) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; ; i++) {
                AuditEntry e = log.append(new AuditRecord(
                        AuditKind.ACTION,
                        "burst",
                        "target-" + (i % 7),
                        "restart_service",
                        "dry_run",
                        "burst " + i,
                        Map.of("i", String.valueOf(i), "payload", "x".repeat(i % 200))));
                System.out.println("ack " + e.sequence());
                System.out.flush();
            }
        }
    }
}
