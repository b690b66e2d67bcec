package io.smartcloudops.examples.agent;

import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-agent audit verify --data-dir DIR}: checks the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect the audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    /** Exits 0 with the entry count when the chain is intact, 1 naming the first bad entry, 2 when there is no log. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify the audit log's SHA-256 hash chain.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sco-data", description = "the agent's data directory (default ./sco-data)")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path file = dataDir.resolve("audit.db");
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("sco-agent audit verify: no audit log at " + file.toAbsolutePath());
                return 2;
            }
            try (SqliteAuditLog log = SqliteAuditLog.open(file, InstantSource.system())) {
                AuditVerification v = log.verify();
                if (v.intact()) {
                    spec.commandLine().getOut().println("audit chain intact: " + v.entries() + " entries");
                    return 0;
                }
                spec.commandLine().getOut().println("audit chain broken at entry " + v.firstBadSequence() + ": " + v.problem()
                        + " (" + v.entries() + " entries verified before it)");
                return 1;
            } catch (AuditException e) {
                spec.commandLine().getErr().println("sco-agent audit verify: " + e.getMessage());
                return 2;
            }
        }
    }
}
