package io.smartcloudops.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.AuditArchiveProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.remediate.audit.FileAuditAnchor;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's archives through the SPI, configured as the monitor is (#16 item 1): detector
 * checkpoints and the audit log go to S3; the host and its data directory are lost; a new host
 * restores its detectors from S3, and the audit log restored from the archive verifies intact
 * against the key and the anchor kept outside the data directory.
 */
class LoopArchivesToS3Test {
    private static final SeriesId CPU = SeriesId.of("node_cpu_busy_percent", Labels.of(Map.of("host", "app")));

    @TempDir
    Path firstHost;

    @TempDir
    Path secondHost;

    @TempDir
    Path secrets; // the first host's key and anchor, which its operator kept off the host

    @TempDir
    Path secondSecrets;

    private final FakeS3 s3 = new FakeS3("sco-state");

    @BeforeAll
    static void credentials() {
        // the default credentials chain reads these first; the local endpoint checks the signature's key id
        System.setProperty("aws.accessKeyId", FakeAwsServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static Map<String, Object> s3Settings(FakeAwsServer server, Map<String, Object> more) {
        Map<String, Object> m = new HashMap<>(Map.of(
                "bucket",
                "sco-state",
                "prefix",
                "monitor/",
                "region",
                "eu-west-1",
                "endpoint_override",
                server.uri().toString()));
        m.putAll(more);
        return m;
    }

    private RuntimeConfig config(Path dataDir, Path keys, FakeAwsServer server) {
        return RuntimeConfig.defaults().toBuilder()
                .dataDir(dataDir)
                .audit(ProviderConfig.of(
                        "audit",
                        Map.of(
                                "key_file",
                                keys.resolve("audit.key").toString(),
                                "anchor_file",
                                keys.resolve("audit.anchor").toString())))
                .checkpoints(
                        ProviderConfig.of("checkpoints", s3Settings(server, Map.of("store", "s3", "model", "monitor"))))
                .auditArchive(ProviderConfig.of(
                        "audit.archive", s3Settings(server, Map.of("store", "s3", "segment_size", 3))))
                .build();
    }

    @Test
    void checkpointsAndTheAuditLogSurviveTheLossOfTheHost() throws IOException {
        try (FakeAwsServer server = FakeAwsServer.start(s3)) {
            try (Ops first =
                    Ops.builder().config(config(firstHost, secrets, server)).build()) {
                for (int i = 0; i < 50; i++) {
                    first.ingest(new Sample(CPU, 1_767_225_600_000L + i * 5_000L, 20 + (i % 7)));
                }
                first.runOnce(first.now());
                assertThat(first.seriesCount()).isEqualTo(1);
            } // stop: the last checkpoint and the audit tail go to S3

            assertThat(s3.objects().keySet())
                    .anyMatch(k -> k.startsWith("monitor/models/monitor/"))
                    .anyMatch(k -> k.startsWith("monitor/audit/"));

            Set<String> archived = Set.copyOf(s3.objects().keySet());

            // the first host is gone with its data directory; the second starts empty with the same settings
            try (Ops second = Ops.builder()
                    .config(config(secondHost.resolve("data"), secondSecrets, server))
                    .build()) {
                assertThat(second.seriesCount())
                        .as("detector states restored from S3")
                        .isEqualTo(1);
            } // its own, different audit log is not mixed into the first one's archive
            assertThat(s3.objects().keySet().stream().filter(k -> k.startsWith("monitor/audit/")))
                    .allMatch(archived::contains);

            Path restored = secondHost.resolve("restored/audit.db");
            ProviderContext noLog = ProviderContext.builder()
                    .dataDir(secondHost.resolve("restore-work"))
                    .config(ProviderConfig.of(s3Settings(server, Map.of("store", "s3"))))
                    .build();
            AuditArchiveProvider provider = ProviderRegistry.builder()
                    .discover(getClass().getClassLoader())
                    .build()
                    .provider(AuditArchiveProvider.class, "s3");
            try (AuditArchive archive = provider.open(noLog)) {
                assertThat(SqliteAuditLog.restore(restored, archive.storedRows()))
                        .isGreaterThanOrEqualTo(2); // start and stop at least
            }
            AuditVerification v = SqliteAuditLog.verifyReadOnly(
                    restored,
                    secrets.resolve("audit.key"),
                    List.of(new FileAuditAnchor(secrets.resolve("audit.anchor"))));
            assertThat(v.intact()).as(v.toString()).isTrue();
        }
    }
}
