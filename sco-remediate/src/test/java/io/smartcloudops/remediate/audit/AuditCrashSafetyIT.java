package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a real process in the middle of a burst of audit writes; every acknowledged entry survives. */
class AuditCrashSafetyIT {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void sigkillDuringABurstLosesNothingAcknowledgedAndTheChainVerifies() throws Exception {
        Path db = dir.resolve("audit.db");
        long acknowledged = 0;
        for (int round = 0; round < 2; round++) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            AuditBurstWriter.class.getName(),
                            db.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            while (first != null && !first.equals("ready")) {
                first = out.readLine(); // slf4j's notice that no logger is bound comes first
            }
            assertThat(first).isEqualTo("ready");
            long target = acknowledged + 300 + round * 77;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ack ")) {
                    acknowledged = Long.parseLong(line.substring(4));
                    if (acknowledged >= target) {
                        break;
                    }
                }
            }
            p.destroyForcibly(); // SIGKILL, mid-burst: the writer is still appending
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (SqliteAuditLog log = SqliteAuditLog.open(db, InstantSource.system())) {
                AuditVerification v = log.verify();
                assertThat(v.intact()).as(v.problem()).isTrue();
                assertThat(v.entries()).isGreaterThanOrEqualTo(acknowledged);
                List<Long> newest = log.query(AuditQuery.latest(1)).stream()
                        .map(e -> e.sequence())
                        .toList();
                assertThat(newest.get(0)).isGreaterThanOrEqualTo(acknowledged);
            }
        }
    }
}
