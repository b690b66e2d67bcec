package io.smartcloudops.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's answers to bad configuration, and {@code audit verify}. */
class AgentCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheFlags() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--bind", "--data-dir", "--config", "--sample-interval", "audit");
    }

    @Test
    void missingConfigFileExitsWithAClearMessage() {
        assertThat(run("--config", dir.resolve("nope.yml").toString())).isEqualTo(AgentCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("config file").contains("nope.yml").contains("does not exist");
    }

    @Test
    void invalidConfigFileExitsNamingTheSetting() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yml"), "http:\n  prot: 8080\n");
        assertThat(run("--config", bad.toString())).isEqualTo(AgentCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("bad.yml").contains("http.prot");
    }

    @Test
    void badFlagValuesExitNonZero() {
        assertThat(run("--sample-interval", "often")).isEqualTo(AgentCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("--sample-interval");
        assertThat(run("--port", "99999", "--data-dir", dir.toString())).isEqualTo(AgentCommand.EXIT_CONFIG);
        assertThat(run("--port", "many")).isNotZero();
    }

    @Test
    void unwritableDataDirectoryExitsWithAClearMessage() {
        assertThat(run("--data-dir", "/proc/sco-data", "--port", "0")).isEqualTo(AgentCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("/proc/sco-data");
    }

    @Test
    void auditVerifyCountsAnIntactChainAndNamesTheFirstBadEntry() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(dir.resolve("audit.db"), InstantSource.system())) {
            for (int i = 0; i < 4; i++) {
                log.append(new AuditRecord(
                        AuditKind.ACTION, "system", "web", "restart_service", "dry_run", "test", Map.of()));
            }
        }
        assertThat(run("audit", "verify", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("audit chain intact: 4 entries");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit SET actor = 'mallory' WHERE seq = 2");
        }
        assertThat(run("audit", "verify", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("broken at entry 2");
    }

    @Test
    void auditVerifyFindsATailCutOrADeletedLogThroughItsAnchor() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(dir.resolve("audit.db"), InstantSource.system())) {
            for (int i = 0; i < 5; i++) {
                log.append(new AuditRecord(
                        AuditKind.ACTION, "system", "web", "restart_service", "dry_run", "test", Map.of()));
            }
        }
        assertThat(run("audit", "verify", "--data-dir", dir.toString())).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit WHERE seq > 3");
        }
        assertThat(run("audit", "verify", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("anchor");
        Files.delete(dir.resolve("audit.db"));
        assertThat(run("audit", "verify", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("audit log missing").contains("recorded 5 entries");
    }

    @Test
    void auditVerifyWithAnotherKeyFails() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(dir.resolve("audit.db"), InstantSource.system())) {
            log.append(
                    new AuditRecord(AuditKind.ACTION, "system", "web", "restart_service", "dry_run", "test", Map.of()));
        }
        Path otherKey = dir.resolve("other/other.key");
        try (SqliteAuditLog other = SqliteAuditLog.options(dir.resolve("other/data/audit.db"))
                .keyFile(otherKey)
                .anchor(new io.smartcloudops.remediate.audit.FileAuditAnchor(dir.resolve("other/anchor.json")))
                .open()) {
            other.append(new AuditRecord(AuditKind.SYSTEM, "system", "x", "y", "ok", "", Map.of()));
        }
        assertThat(run("audit", "verify", "--data-dir", dir.toString(), "--key-file", otherKey.toString()))
                .isEqualTo(1);
        assertThat(run(
                        "audit",
                        "verify",
                        "--data-dir",
                        dir.toString(),
                        "--key-file",
                        dir.resolve("nope.key").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no audit key");
    }

    @Test
    void auditRestoreNeedsAnArchiveInTheConfigurationAndAKnownStore() throws Exception {
        Path none = Files.writeString(dir.resolve("none.yml"), "sample_interval: 5s\n");
        assertThat(run("audit", "restore", "--config", none.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("names no audit.archive");

        Path unknown = Files.writeString(dir.resolve("unknown.yml"), "audit:\n  archive: {store: tape}\n");
        assertThat(run(
                        "audit",
                        "restore",
                        "--config",
                        unknown.toString(),
                        "--data-dir",
                        dir.resolve("d").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("tape");

        Path noStore = Files.writeString(dir.resolve("nostore.yml"), "audit:\n  archive: {bucket: b}\n");
        assertThat(run("audit", "restore", "--config", noStore.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("store");
        assertThat(dir.resolve("d/audit.db")).doesNotExist();
    }

    @Test
    void auditVerifyWithoutALogExits2() {
        assertThat(run("audit", "verify", "--data-dir", dir.resolve("empty").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no audit log");
    }

    @Test
    void llmFlagsMustComeTogether() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(
                        "--llm-base-url",
                        "http://127.0.0.1:1/v1",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--llm-model");
    }

    @Test
    void tokenCommandCreatesListsAndRevokes() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(
                        "token",
                        "create",
                        "--name",
                        "carol",
                        "--role",
                        "operator",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isZero();
        assertThat(out.toString()).startsWith("sco_");
        assertThat(cl.execute("token", "list", "--data-dir", dir.resolve("data").toString()))
                .isZero();
        assertThat(out.toString()).contains("carol\toperator");
        assertThat(cl.execute(
                        "token",
                        "create",
                        "--name",
                        "dave",
                        "--role",
                        "root",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isEqualTo(2);
        assertThat(cl.execute(
                        "token",
                        "revoke",
                        "--name",
                        "carol",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isZero();
        assertThat(cl.execute(
                        "token",
                        "revoke",
                        "--name",
                        "carol",
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isEqualTo(1);
    }

    private List<io.smartcloudops.api.audit.AuditEntry> tokenEntries(Path data) {
        try (SqliteAuditLog log =
                SqliteAuditLog.options(data.resolve("audit.db")).open()) {
            return log.query(io.smartcloudops.api.audit.AuditQuery.builder()
                    .action("token")
                    .build());
        }
    }

    @Test
    void tokenCreateAndRevokeAreAuditedAsTheCliUserInTheAgentsLog() {
        String data = dir.resolve("data").toString();
        assertThat(run("token", "create", "--name", "carol", "--role", "operator", "--data-dir", data))
                .isZero();
        assertThat(run("token", "revoke", "--name", "carol", "--data-dir", data))
                .isZero();
        String actor = TokenCommand.cliActor(System.getenv(), System.getProperty("user.name"));
        assertThat(tokenEntries(dir.resolve("data")))
                .extracting(e -> e.record().actor() + " " + e.record().outcome() + " "
                        + e.record().subject() + " " + e.record().details())
                .containsExactlyInAnyOrder(actor + " created carol {role=operator}", actor + " revoked carol {}");
        assertThat(out.toString()).doesNotContain("Exception");
        assertThat(run("audit", "verify", "--data-dir", data)).isZero();
    }

    @Test
    void theCliActorIsTheSudoUserElseTheAccount() {
        assertThat(TokenCommand.cliActor(Map.of("SUDO_USER", "alice"), "root")).isEqualTo("cli:alice");
        assertThat(TokenCommand.cliActor(Map.of(), "sco")).isEqualTo("cli:sco");
    }

    @Test
    void whenTheAuditRefusesTheEntryNoTokenIsCreatedOrRevoked() throws Exception {
        Path data = dir.resolve("data");
        assertThat(run("token", "create", "--name", "carol", "--role", "operator", "--data-dir", data.toString()))
                .isZero();
        // the log opens, but every append fails, as on a full disk
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("audit.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }
        assertThat(run("token", "create", "--name", "dave", "--role", "admin", "--data-dir", data.toString()))
                .isEqualTo(2);
        assertThat(run("token", "revoke", "--name", "carol", "--data-dir", data.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("nothing changed");
        try (io.smartcloudops.server.TokenStore store =
                io.smartcloudops.server.TokenStore.open(data.resolve("tokens.db"))) {
            assertThat(store.list())
                    .extracting(io.smartcloudops.server.TokenStore.Holder::name)
                    .containsExactly("carol");
        }
    }
}
