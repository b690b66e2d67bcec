package io.smartcloudops.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.aws.FakeAwsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class S3AuditArchiverTest {
    private static final S3Settings LOGS = new S3Settings("sco-logs", "agent-1/", S3Settings.SSE_S3, null);

    @TempDir
    Path dir;

    private final FakeS3 s3 = new FakeS3("sco-logs");
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private FakeAwsServer server;
    private S3Client client;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(s3);
        client = server.clients().s3();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            log.append(new AuditRecord(AuditKind.ACTION, "system", "app", "restart_service", "dry_run", "alert \"NginxDown\"\n",
                    Map.of("unit", "nginx", "n", Integer.toString(log.size() + 1))));
        }
    }

    private S3AuditArchiver archiver(int segment, int page) {
        return new S3AuditArchiver(client, LOGS, log, dir.resolve("audit-archive.marker"), segment, page);
    }

    private static List<JsonNode> lines(byte[] body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    @Test
    void uploadsOnlySealedSegmentsAsJsonLinesWithTheChainEnds() throws Exception {
        append(25);

        List<String> keys = archiver(10, 10_000).archiveSealed();

        assertThat(keys).containsExactly("agent-1/audit/00000000000000000001-00000000000000000010.jsonl",
                "agent-1/audit/00000000000000000011-00000000000000000020.jsonl");
        FakeS3.Stored first = s3.objects().get(keys.get(0));
        List<JsonNode> lines = lines(first.body());
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0).path("sequence").asLong()).isEqualTo(1);
        assertThat(lines.get(0).path("previousHash").asText()).isEqualTo("0".repeat(64));
        assertThat(lines.get(0).path("reason").asText()).isEqualTo("alert \"NginxDown\"\n");
        assertThat(lines.get(0).path("details").path("unit").asText()).isEqualTo("nginx");
        assertThat(lines.get(0).path("kind").asText()).isEqualTo("ACTION");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).path("previousHash").asText()).isEqualTo(lines.get(i - 1).path("hash").asText());
        }
        assertThat(first.headers()).containsEntry("x-amz-server-side-encryption", "AES256")
                .containsEntry("x-amz-meta-sco-first-sequence", "1").containsEntry("x-amz-meta-sco-last-sequence", "10")
                .containsEntry("x-amz-meta-sco-chain-start", "0".repeat(64))
                .containsEntry("x-amz-meta-sco-chain-end", lines.get(9).path("hash").asText())
                .containsEntry("content-type", "application/x-ndjson");
        List<JsonNode> second = lines(s3.objects().get(keys.get(1)).body());
        assertThat(second.get(0).path("previousHash").asText()).isEqualTo(lines.get(9).path("hash").asText());
        assertThat(archiver(10, 10_000).progress().lastSequence()).isEqualTo(20);
        assertThat(log.size()).isEqualTo(25);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void continuesFromTheMarkerNextTime() {
        append(12);
        S3AuditArchiver a = archiver(10, 10_000);
        assertThat(a.archiveSealed()).hasSize(1);
        assertThat(a.archiveSealed()).isEmpty();

        append(8);

        assertThat(a.archiveSealed()).containsExactly("agent-1/audit/00000000000000000011-00000000000000000020.jsonl");
        assertThat(a.progress().lastKey()).endsWith("0020.jsonl");
    }

    @Test
    void aFailedUploadRecordsNoProgressAndIsRetriedToTheSameKey() {
        append(10);
        server.enqueue(FakeS3.error(403, "AccessDenied", "Access Denied"));
        S3AuditArchiver a = archiver(10, 10_000);

        assertThatThrownBy(a::archiveSealed).isInstanceOf(S3StoreException.class)
                .hasMessageContaining("AccessDenied").hasMessageContaining("progress stays at entry 0");
        assertThat(Files.exists(dir.resolve("audit-archive.marker"))).isFalse();
        assertThat(a.progress().lastSequence()).isZero();

        assertThat(a.archiveSealed()).containsExactly("agent-1/audit/00000000000000000001-00000000000000000010.jsonl");
        assertThat(a.progress().lastSequence()).isEqualTo(10);
    }

    @Test
    void aCrashBeforeTheMarkerUploadsTheSameObjectAgain() throws IOException {
        append(10);
        Path marker = dir.resolve("audit-archive.marker");
        archiver(5, 10_000).archiveSealed();
        Files.delete(marker); // as if the process died between upload and marker

        assertThat(archiver(5, 10_000).archiveSealed()).hasSize(2);
        assertThat(s3.objects()).hasSize(2);
    }

    @Test
    void walksBackThroughSmallPagesWhenFarBehind() {
        append(23);

        assertThat(archiver(7, 4).archiveSealed()).hasSize(3);
        assertThat(s3.objects().keySet()).last().asString().endsWith("00000000000000000015-00000000000000000021.jsonl");
    }

    @Test
    void refusesASegmentWhoseChainIsBroken() {
        append(10);
        AuditEntry real = log.query(io.smartcloudops.api.audit.AuditQuery.latest(10)).get(5);
        log.replace(real.sequence(), new AuditEntry(real.sequence(), real.recordedAt(), real.record(), "f".repeat(64), real.hash()));

        assertThatThrownBy(() -> archiver(10, 10_000).archiveSealed()).isInstanceOf(S3StoreException.class)
                .hasMessageContaining("audit entry " + real.sequence() + " does not chain");
        assertThat(s3.objects()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aTornMarkerIsAClearError() throws IOException {
        Files.writeString(dir.resolve("audit-archive.marker"), "lastSequence=ten\n");

        assertThatThrownBy(() -> archiver(10, 10_000).progress()).isInstanceOf(S3StoreException.class)
                .hasMessageContaining("marker").hasMessageContaining("unreadable");
    }
}
