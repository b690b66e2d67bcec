package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #13 item 3: the chain proves what is missing or rewritten, not only what was altered in place. */
class AuditCompletenessTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path secrets; // outside the data directory, as the key and the anchor must be

    private Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final InstantSource clock = () -> now;

    private Path file() {
        return dataDir.resolve("audit.db");
    }

    private Path keyFile() {
        return secrets.resolve("audit.key");
    }

    private List<AuditAnchor> anchors() {
        return List.of(new FileAuditAnchor(secrets.resolve("anchor.json")));
    }

    private SqliteAuditLog open() {
        return SqliteAuditLog.options(file())
                .keyFile(keyFile())
                .anchors(anchors())
                .clock(clock)
                .anchorInterval(Duration.ofHours(1))
                .open();
    }

    private void written(int n) {
        try (SqliteAuditLog log = open()) {
            for (int i = 1; i <= n; i++) {
                now = now.plusSeconds(1);
                log.append(new AuditRecord(
                        AuditKind.ACTION,
                        "system",
                        "nginx",
                        "restart_service",
                        "dry_run",
                        "alert " + i,
                        Map.of("unit", "u" + i)));
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private AuditVerification verify() {
        return SqliteAuditLog.verifyReadOnly(file(), keyFile(), anchors());
    }

    @Test
    void untouchedLogVerifiesReadOnly() {
        written(5);
        AuditVerification v = verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
    }

    @Test
    void anyByteChangeFailsEvenWhereParsedValuesAgree() throws Exception {
        for (String tamper : List.of(
                "UPDATE audit SET details = details || ' {}' WHERE seq = 2", // trailing JSON
                "UPDATE audit SET details = '{\"unit\":\"evil\",\"unit\":\"u2\"}' WHERE seq = 2", // duplicate keys
                "UPDATE audit SET recorded_at = '2026-11-27T01:00:02.000000000+01:00' WHERE seq = 2", // same instant,
                // offset
                "UPDATE audit SET reason = reason || ' ' WHERE seq = 2")) {
            Files.deleteIfExists(file());
            Files.deleteIfExists(secrets.resolve("anchor.json"));
            written(3);
            sql(tamper);
            AuditVerification v = verify();
            assertThat(v.intact()).as(tamper).isFalse();
            assertThat(v.firstBadSequence()).as(tamper).isEqualTo(2);
        }
    }

    @Test
    void rewriteWithARecomputedChainFailsWithoutTheKey() throws Exception {
        written(4);
        // the attacker rewrites entry 2 and recomputes every hash after it, as the 40-line script did,
        // with everything in the data directory (but not the key, which is not there)
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            String prev;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT hash FROM audit WHERE seq = 1")) {
                rs.next();
                prev = rs.getString(1);
            }
            AuditHashing h = new AuditHashing(new ObjectMapper());
            for (long seq = 2; seq <= 4; seq++) {
                String fake = h.hash(
                        prev,
                        seq,
                        now,
                        new AuditRecord(AuditKind.ACTION, "mallory", "db", "drop", "succeeded", "", Map.of()));
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE audit SET actor='mallory', prev_hash=?, hash=? WHERE seq=?")) {
                    ps.setString(1, prev);
                    ps.setString(2, fake);
                    ps.setLong(3, seq);
                    ps.executeUpdate();
                }
                prev = fake;
            }
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("MAC");
    }

    @Test
    void truncatedTailFails() throws Exception {
        written(10);
        sql("DELETE FROM audit WHERE seq > 7");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("ends at entry 7").contains("recorded entry 10");
    }

    @Test
    void deletingEveryRowFails() throws Exception {
        written(4);
        sql("DELETE FROM audit");
        assertThat(verify().intact()).isFalse();
    }

    @Test
    void deletingTheFileFails() throws Exception {
        written(4);
        Files.delete(file());
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("missing").contains("4 entries");
    }

    @Test
    void replacingTheLogWithAFreshOneFails() throws Exception {
        written(4);
        Files.move(secrets.resolve("anchor.json"), secrets.resolve("anchor.saved"));
        Files.delete(file());
        written(6); // a new log with a valid chain under the same key, then the old anchor put back
        Files.move(
                secrets.resolve("anchor.saved"), secrets.resolve("anchor.json"), StandardCopyOption.REPLACE_EXISTING);
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("replaced");
    }

    @Test
    void openingALogBehindItsAnchorSaysSoAndRecordsTheGap() throws Exception {
        written(10);
        sql("DELETE FROM audit WHERE seq > 6");
        try (SqliteAuditLog log = open()) {
            assertThat(log.startupCheck().consistent()).isFalse();
            assertThat(log.startupCheck().problems()).singleElement().asString().contains("ends at entry 6");
            var gap = log.query(AuditQuery.latest(1)).get(0);
            assertThat(gap.record().outcome()).isEqualTo("behind_anchor");
            assertThat(gap.sequence()).isEqualTo(7);
        }
        assertThat(verify().intact())
                .as("the gap is recorded; the chain from here on is anchored again")
                .isTrue();
        try (SqliteAuditLog log = open()) {
            assertThat(log.startupCheck().consistent()).isTrue();
        }
    }

    @Test
    void verifyingAForensicCopyChangesNothing() throws Exception {
        written(5);
        Path copy = secrets.resolve("copy.db");
        Files.copy(file(), copy);
        byte[] before = Files.readAllBytes(copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r-----"));
        AuditVerification v = SqliteAuditLog.verifyReadOnly(copy, keyFile(), List.of());
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        assertThat(Files.exists(secrets.resolve("copy.db-wal"))).isFalse();
    }

    @Test
    void keyRotationIsRecordedAndOldEntriesStillVerify() {
        written(3);
        try (SqliteAuditLog log = open()) {
            var rotation = log.rotateKey();
            assertThat(rotation.record().action()).isEqualTo("audit_key");
            log.append(new AuditRecord(AuditKind.SYSTEM, "agent", "agent", "start", "ok", "", Map.of()));
        }
        AuditVerification v = verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
    }

    @Test
    void dataKeyAndAnchorFilesAreOwnerOnly() throws Exception {
        written(1);
        for (Path p : List.of(file(), keyFile(), secrets.resolve("anchor.json"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void defaultKeyAndAnchorLiveBesideTheDataDirectoryNotInIt() {
        Path f = Path.of("/var/lib/sco-data/audit.db");
        assertThat(SqliteAuditLog.defaultKeyFile(f)).isEqualTo(Path.of("/var/lib/sco-data.audit.key"));
        assertThat(SqliteAuditLog.defaultAnchorFile(f)).isEqualTo(Path.of("/var/lib/sco-data.audit.anchor.json"));
    }

    @Test
    void formatOneLogIsUpgradedInPlaceAndItsOldEntriesStillVerify() throws Exception {
        AuditHashing h = new AuditHashing(new ObjectMapper());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE audit (seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,"
                            + " subject TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, details TEXT NOT NULL,"
                            + " prev_hash TEXT NOT NULL, hash TEXT NOT NULL)");
            String prev = AuditHashing.GENESIS;
            for (int seq = 1; seq <= 2; seq++) {
                Instant at = now.plusSeconds(seq);
                AuditRecord r = new AuditRecord(
                        AuditKind.ACTION, "system", "nginx", "restart_service", "dry_run", "old " + seq, Map.of());
                String hash = h.hash(prev, seq, at, r);
                s.execute("INSERT INTO audit VALUES (" + seq + ", '" + ChainCheck.STORED_TIME.format(at)
                        + "', 'ACTION', 'system', 'nginx'," + " 'restart_service', 'dry_run', 'old " + seq
                        + "', '{}', '" + prev + "', '" + hash + "')");
                prev = hash;
            }
        }
        written(1);
        AuditVerification v = verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(4); // two old, the upgrade record, one new
        sql("UPDATE audit SET reason = 'rewritten' WHERE seq = 1");
        assertThat(verify().firstBadSequence()).isEqualTo(1);
    }

    @Test
    void aSecondWriterOnTheSameFileDoesNotBreakTheFirstsNextAppend() {
        // the token command appends beside a running agent; the agent's next entry must still be written
        try (SqliteAuditLog agent = open()) {
            agent.append(new AuditRecord(AuditKind.SYSTEM, "agent", "agent", "start", "ok", "", Map.of()));
            try (SqliteAuditLog cli = open()) {
                cli.append(new AuditRecord(AuditKind.SYSTEM, "cli:alice", "bob", "token", "created", "", Map.of()));
            }
            AuditEntry next = agent.append(
                    new AuditRecord(AuditKind.ACTION, "system", "nginx", "restart_service", "dry_run", "", Map.of()));
            assertThat(next.sequence()).isEqualTo(3);
        }
        AuditVerification v = verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(3);
    }
}
