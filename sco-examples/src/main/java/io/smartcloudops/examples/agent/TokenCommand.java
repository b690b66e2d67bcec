package io.smartcloudops.examples.agent;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.storage.PrivateFiles;
import io.smartcloudops.remediate.audit.SqliteAuditLogProvider;
import io.smartcloudops.runtime.RuntimeConfig;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-agent token create|list|revoke}: API tokens and their roles. A token is a change to
 * who may act, so {@code create} and {@code revoke} are written to the agent's own audit log
 * first (actor {@code cli:<user>}); when that entry cannot be written, the token store is left as
 * it was.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens (viewer, operator, admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    /**
     * Who ran the command: the user {@code sudo} ran it for, otherwise the account it runs as.
     * It is what the host says, not a proof: whoever can write the data directory can also write
     * tokens.db directly.
     */
    static String cliActor(Map<String, String> env, String userName) {
        String sudo = env.get("SUDO_USER");
        return "cli:" + (sudo != null && !sudo.isBlank() ? sudo : userName);
    }

    /** Shared {@code --data-dir} and {@code --config} options, and opening the store and the audit log. */
    abstract static class Base implements Callable<Integer> {
        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "the agent's data directory (default: the configuration's data_dir, else ./sco-data)")
        Path dataDir;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description =
                        "the agent's configuration file, for its data directory and audit settings (key_file, anchor_file)")
        Path configFile;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                RuntimeConfig runtime = configFile != null
                        ? new AgentConfigLoader()
                                .load(configFile, AgentConfig.defaults())
                                .runtime()
                        : null;
                Path dir = dataDir != null ? dataDir : runtime != null ? runtime.dataDir() : Path.of("sco-data");
                PrivateFiles.directory(dir);
                try (TokenStore store = TokenStore.open(dir.resolve("tokens.db"))) {
                    return run(
                            store,
                            () -> new SqliteAuditLogProvider()
                                    .open(ProviderContext.builder()
                                            .dataDir(dir)
                                            .config(
                                                    runtime != null
                                                            ? runtime.audit()
                                                            : ProviderConfig.of("audit", Map.of()))
                                            .build()));
                }
            } catch (ConfigException | IOException e) {
                spec.commandLine().getErr().println("sco-agent token: " + e.getMessage());
                return 2;
            } catch (AuditException e) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "sco-agent token: nothing changed, the audit log refused the entry: " + e.getMessage());
                return 2;
            }
        }

        /** Records the change in the audit log before it is made; throws, changing nothing, when it cannot. */
        void auditFirst(AuditOpener audit, String name, String outcome, Map<String, String> details) {
            try (AuditLog log = audit.open()) {
                log.append(new AuditRecord(
                        AuditKind.SYSTEM,
                        cliActor(System.getenv(), System.getProperty("user.name")),
                        name,
                        "token",
                        outcome,
                        "sco-agent token",
                        details));
            }
        }

        abstract int run(TokenStore store, AuditOpener audit);
    }

    /** Opens the audit log only for the commands that change something. */
    interface AuditOpener {
        AuditLog open();
    }

    /** Prints a new token once. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a token and print it (only this once).")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "who holds it (unique)")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or admin")
        String role;

        @Override
        int run(TokenStore store, AuditOpener audit) {
            Role parsed = TokenStore.parseRole(role);
            TokenStore.requireValidName(name);
            if (store.holds(name)) {
                throw new ConfigException("cannot create token '" + name + "': the name is taken");
            }
            auditFirst(audit, name, "created", Map.of("role", parsed.name().toLowerCase(Locale.ROOT)));
            spec.commandLine().getOut().println(store.create(name, parsed, Instant.now()));
            return 0;
        }
    }

    /** Names and roles, never tokens. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List token holders and roles.")
    static final class ListTokens extends Base {
        @Override
        int run(TokenStore store, AuditOpener audit) {
            store.list()
                    .forEach(h -> spec.commandLine()
                            .getOut()
                            .println(
                                    h.name() + "\t" + h.role().name().toLowerCase(Locale.ROOT) + "\t" + h.createdAt()));
            return 0;
        }
    }

    /** Revokes by holder name. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a holder's token.")
    static final class Revoke extends Base {
        @Option(names = "--name", required = true)
        String name;

        @Override
        int run(TokenStore store, AuditOpener audit) {
            if (!store.holds(name)) {
                spec.commandLine().getErr().println("sco-agent token: no token named '" + name + "'");
                return 1;
            }
            auditFirst(audit, name, "revoked", Map.of());
            store.revoke(name);
            spec.commandLine().getOut().println("revoked " + name);
            return 0;
        }
    }
}
