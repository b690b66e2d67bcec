package io.smartcloudops.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.remediate.audit.FileAuditAnchor;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The audit archive against the real SQLite log and the SDK speaking S3's wire protocol to a local endpoint. */
class S3AuditArchiverTest {
    private static final S3Settings LOGS = new S3Settings("sco-logs", "agent-1/", S3Settings.SSE_S3, null);

    @TempDir
    Path dataDir;

    @TempDir
    Path secrets; // the key and the anchor live outside the data directory

    private final FakeS3 s3 = new FakeS3("sco-logs");
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private FakeAwsServer server;
    private S3Client client;
    private SqliteAuditLog log;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(s3);
        client = server.clients().s3();
        log = open();
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.close();
        }
        client.close();
        server.close();
    }

    private Path file() {
        return dataDir.resolve("audit.db");
    }

    private List<AuditAnchor> anchors() {
        return List.of(new FileAuditAnchor(secrets.resolve("anchor.json")));
    }

    private SqliteAuditLog open() {
        return SqliteAuditLog.options(file())
                .keyFile(secrets.resolve("audit.key"))
                .anchors(anchors())
                .clock(() -> now)
                .anchorInterval(Duration.ofHours(1))
                .open();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            now = now.plusSeconds(1);
            log.append(new AuditRecord(
                    AuditKind.ACTION,
                    "alice",
                    "app",
                    "restart_service",
                    "dry_run",
                    "alert \"NginxDown\"\n",
                    Map.of("unit", "nginx", "n", Integer.toString(i))));
        }
    }

    private S3AuditArchiver archiver(int segment) {
        return new S3AuditArchiver(client, LOGS, log, dataDir.resolve("audit-archive.marker"), segment);
    }

    private static List<JsonNode> lines(byte[] body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    private static String key(long first, long last) {
        return String.format("agent-1/audit/%020d-%020d.jsonl", first, last);
    }

    @Test
    void uploadsFullSegmentsAsTheStoredRowsWithTheChainEnds() throws Exception {
        append(24);

        List<String> keys = archiver(10).archiveSealed();

        assertThat(keys).containsExactly(key(1, 10), key(11, 20));
        FakeS3.Stored first = s3.objects().get(keys.get(0));
        List<JsonNode> rows = lines(first.body());
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).path("seq").asLong()).isEqualTo(1);
        assertThat(rows.get(0).path("prev_hash").asText()).isEqualTo("0".repeat(64));
        assertThat(rows.get(0).path("reason").asText()).isEqualTo("alert \"NginxDown\"\n");
        assertThat(rows.get(0).path("details").asText())
                .contains("\"unit\":\"nginx\""); // the stored text, not re-serialised
        assertThat(rows.get(0).path("key_id").isTextual()).isTrue();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).path("prev_hash").asText())
                    .isEqualTo(rows.get(i - 1).path("hash").asText());
        }
        assertThat(first.headers())
                .containsEntry("x-amz-server-side-encryption", "AES256")
                .containsEntry("x-amz-meta-sco-first-sequence", "1")
                .containsEntry("x-amz-meta-sco-last-sequence", "10")
                .containsEntry("x-amz-meta-sco-chain-start", "0".repeat(64))
                .containsEntry(
                        "x-amz-meta-sco-chain-end", rows.get(9).path("hash").asText())
                .containsEntry("content-type", "application/x-ndjson");
        assertThat(lines(s3.objects().get(keys.get(1)).body())
                        .get(0)
                        .path("prev_hash")
                        .asText())
                .isEqualTo(rows.get(9).path("hash").asText());
        assertThat(archiver(10).progress().lastSequence()).isEqualTo(20);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void continuesFromTheMarkerNextTime() {
        append(12);
        S3AuditArchiver a = archiver(10);
        assertThat(a.archiveSealed()).hasSize(1);
        assertThat(a.archiveSealed()).isEmpty();

        append(8);

        assertThat(a.archiveSealed()).containsExactly(key(11, 20));
        assertThat(a.progress().lastKey()).endsWith("0020.jsonl");
    }

    @Test
    void atStopTheTailIsArchivedTooAndTheNextSegmentFollowsIt() {
        append(25);
        S3AuditArchiver a = archiver(10);

        assertThat(a.archive(true)).isEqualTo(3);
        append(10);
        assertThat(a.archiveSealed()).containsExactly(key(26, 35));

        assertThat(s3.objects().keySet()).containsExactly(key(1, 10), key(11, 20), key(21, 25), key(26, 35));
    }

    @Test
    void aFailedUploadRecordsNoProgressAndIsRetriedToTheSameKey() {
        append(10);
        server.enqueue(FakeS3.error(403, "AccessDenied", "Access Denied"));
        S3AuditArchiver a = archiver(10);

        assertThatThrownBy(a::archiveSealed)
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("AccessDenied");
        assertThat(Files.exists(dataDir.resolve("audit-archive.marker"))).isFalse();
        assertThatThrownBy(() -> {
                    server.enqueue(FakeS3.error(403, "AccessDenied", "Access Denied"));
                    a.archive(false);
                })
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("s3://sco-logs/agent-1/audit/");

        assertThat(a.archiveSealed()).containsExactly(key(1, 10));
        assertThat(a.progress().lastSequence()).isEqualTo(10);
    }

    @Test
    void aCrashBeforeTheMarkerUploadsTheSameObjectAgain() throws IOException {
        append(10);
        archiver(5).archiveSealed();
        Files.delete(dataDir.resolve("audit-archive.marker")); // as if the process died between upload and marker

        assertThat(archiver(5).archiveSealed()).hasSize(2);
        assertThat(s3.objects()).hasSize(2);
    }

    @Test
    void refusesASegmentWhoseChainIsBroken() throws Exception {
        append(10);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit SET prev_hash = '" + "f".repeat(64) + "' WHERE seq = 6");
        }

        assertThatThrownBy(() -> archiver(10).archiveSealed())
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("audit entry 6 does not chain");
        assertThat(s3.objects()).isEmpty();
    }

    @Test
    void aTornMarkerIsAClearError() throws IOException {
        Files.writeString(dataDir.resolve("audit-archive.marker"), "lastSequence=ten\n");

        assertThatThrownBy(() -> archiver(10).progress())
                .isInstanceOf(S3StoreException.class)
                .hasMessageContaining("marker")
                .hasMessageContaining("unreadable");
    }

    @Test
    void archiveThenDeleteTheLocalLogThenRestoreVerifiesIntactAgainstKeyAndAnchor() throws IOException {
        append(23);
        archiver(10).archive(true);
        log.close(); // publishes the head to the anchor
        log = null;
        List<String> before = archivedStoredRows();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file() + suffix));
        }
        assertThat(SqliteAuditLog.verifyReadOnly(file(), secrets.resolve("audit.key"), anchors())
                        .intact())
                .isFalse();

        long restored = SqliteAuditLog.restore(
                file(), new S3AuditArchiver(client, LOGS, null, dataDir.resolve("m"), 10).storedRows());

        assertThat(restored).isEqualTo(23);
        AuditVerification v = SqliteAuditLog.verifyReadOnly(file(), secrets.resolve("audit.key"), anchors());
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.entries()).isEqualTo(23);
        assertThat(archivedStoredRows()).isEqualTo(before);
        log = open(); // and the restored log goes on: new entries chain to the restored head
        append(2);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void aRestoreFromAnArchiveWithAGapOrADamagedSegmentRestoresNothing() {
        append(30);
        archiver(10).archiveSealed();
        S3AuditArchiver reader = new S3AuditArchiver(client, LOGS, null, dataDir.resolve("m"), 10);

        s3.corrupt(key(11, 20), "{\"seq\":11}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(reader::storedRows)
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("SHA-256");

        s3.remove(key(11, 20));
        assertThatThrownBy(reader::storedRows)
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("no entries 11..20");
        assertThatThrownBy(() -> SqliteAuditLog.restore(file(), List.of()))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("refusing to restore over the existing audit log");
    }

    private List<String> archivedStoredRows() {
        return new S3AuditArchiver(client, LOGS, null, dataDir.resolve("m"), 10).storedRows();
    }
}
