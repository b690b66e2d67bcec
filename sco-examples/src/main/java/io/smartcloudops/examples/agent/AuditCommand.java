package io.smartcloudops.examples.agent;

import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.remediate.audit.FileAuditAnchor;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-agent audit verify --data-dir DIR [--key-file F] [--anchor F]}: checks the audit log's
 * chain, its MACs and its anchors without changing anything (the database is opened read-only).
 * {@code sco-agent audit restore --config FILE [--data-dir DIR]}: writes the audit log back from
 * the archive the configuration names ({@code audit.archive}), byte for byte, for a new host.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Inspect the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Restore.class})
final class AuditCommand {

    /**
     * Exits 0 with the entry count when the chain is intact and reaches its anchors, 1 naming the
     * first bad entry (or the truncation, deletion or replacement the anchors reveal), 2 when the
     * log or its key cannot be read.
     */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Verify the audit log: every entry's HMAC and hash chain, and its head against the anchors.")
    static final class Verify implements Callable<Integer> {
        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                defaultValue = "sco-data",
                description = "the agent's data directory (default ./sco-data)")
        Path dataDir;

        @Option(
                names = "--key-file",
                paramLabel = "FILE",
                description = "the HMAC key file (default: <data-dir>.audit.key beside the data directory)")
        Path keyFile;

        @Option(
                names = "--anchor",
                paramLabel = "FILE",
                description = "an anchor file to check against, repeatable (default: <data-dir>.audit.anchor.json)")
        List<Path> anchors;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path file = dataDir.resolve("audit.db");
            Path key = keyFile != null ? keyFile : SqliteAuditLog.defaultKeyFile(file);
            List<AuditAnchor> against = (anchors == null || anchors.isEmpty()
                            ? List.of(SqliteAuditLog.defaultAnchorFile(file))
                            : anchors)
                    .stream().<AuditAnchor>map(FileAuditAnchor::new).toList();
            if (!Files.isRegularFile(file)) {
                for (AuditAnchor a : against) {
                    var head = a.latest();
                    if (head.isPresent() && head.get().sequence() > 0) {
                        spec.commandLine()
                                .getOut()
                                .println("audit log missing: " + file.toAbsolutePath() + " does not exist, but "
                                        + a.describe() + " recorded "
                                        + head.get().sequence() + " entries");
                        return 1;
                    }
                }
                spec.commandLine().getErr().println("sco-agent audit verify: no audit log at " + file.toAbsolutePath());
                return 2;
            }
            if (!Files.isRegularFile(key)) {
                spec.commandLine()
                        .getErr()
                        .println("sco-agent audit verify: no audit key at " + key.toAbsolutePath()
                                + "; give the key the agent used with --key-file");
                return 2;
            }
            try {
                AuditVerification v = SqliteAuditLog.verifyReadOnly(file, key, against);
                if (v.intact()) {
                    spec.commandLine()
                            .getOut()
                            .println("audit chain intact: " + v.entries() + " entries, consistent with "
                                    + against.stream()
                                            .map(AuditAnchor::describe)
                                            .toList());
                    return 0;
                }
                spec.commandLine()
                        .getOut()
                        .println("audit chain broken at entry " + v.firstBadSequence() + ": " + v.problem() + " ("
                                + v.entries() + " entries verified before it)");
                return 1;
            } catch (AuditException e) {
                spec.commandLine().getErr().println("sco-agent audit verify: " + e.getMessage());
                return 2;
            }
        }
    }

    /**
     * Exits 0 with the entry count when the archive was restored (then run {@code audit verify}
     * with the old host's key and anchor), 1 when the archive is incomplete or damaged or a log is
     * already there (nothing is written), 2 on a configuration error.
     */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description =
                    "Restore the audit log from the archive named by audit.archive in the configuration, into an empty data directory.")
    static final class Restore implements Callable<Integer> {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                required = true,
                description = "the host's configuration file (its audit.archive section)")
        Path configFile;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "where to write audit.db (default: the configuration's data_dir)")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            io.smartcloudops.runtime.RuntimeConfig runtime;
            io.smartcloudops.api.spi.AuditArchiveProvider provider;
            try {
                runtime = new AgentConfigLoader()
                        .load(configFile, io.smartcloudops.server.AgentConfig.defaults())
                        .runtime();
                if (!runtime.auditArchive().has("store")) {
                    spec.commandLine()
                            .getErr()
                            .println("sco-agent audit restore: " + configFile + " names no audit.archive");
                    return 2;
                }
                provider = io.smartcloudops.api.spi.ProviderRegistry.builder()
                        .discover(AuditCommand.class.getClassLoader())
                        .build()
                        .provider(
                                io.smartcloudops.api.spi.AuditArchiveProvider.class,
                                runtime.auditArchive().requireString("store"));
            } catch (io.smartcloudops.api.ConfigException | io.smartcloudops.api.ProviderException e) {
                spec.commandLine().getErr().println("sco-agent audit restore: " + e.getMessage());
                return 2;
            }
            Path dir = dataDir != null ? dataDir : runtime.dataDir();
            Path file = dir.resolve("audit.db");
            io.smartcloudops.api.spi.ProviderContext context = io.smartcloudops.api.spi.ProviderContext.builder()
                    .dataDir(dir)
                    .config(runtime.auditArchive())
                    .build();
            try (io.smartcloudops.api.audit.AuditArchive archive = provider.open(context)) {
                long n = SqliteAuditLog.restore(file, archive.storedRows());
                spec.commandLine()
                        .getOut()
                        .println("restored " + n + " audit entries from " + archive.location() + " to "
                                + file.toAbsolutePath() + "; check them with 'audit verify --data-dir " + dir
                                + " --key-file KEY --anchor ANCHOR'");
                return 0;
            } catch (AuditException e) {
                spec.commandLine().getErr().println("sco-agent audit restore: " + e.getMessage());
                return 1;
            } catch (io.smartcloudops.api.ConfigException | io.smartcloudops.api.ProviderException e) {
                spec.commandLine().getErr().println("sco-agent audit restore: " + e.getMessage());
                return 2;
            }
        }
    }
}
