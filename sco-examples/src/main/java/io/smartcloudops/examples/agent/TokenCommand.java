package io.smartcloudops.examples.agent;

import io.smartcloudops.api.storage.PrivateFiles;

import io.smartcloudops.server.TokenStore;
import io.smartcloudops.api.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-agent token create|list|revoke}: API tokens and their roles. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens (viewer, operator, admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    /** Shared {@code --data-dir} option and store opening. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sco-data", description = "the agent's data directory (default ./sco-data)")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                PrivateFiles.directory(dataDir);
                try (TokenStore store = TokenStore.open(dataDir.resolve("tokens.db"))) {
                    return run(store);
                }
            } catch (ConfigException | java.io.IOException e) {
                spec.commandLine().getErr().println("sco-agent token: " + e.getMessage());
                return 2;
            }
        }

        abstract int run(TokenStore store);
    }

    /** Prints a new token once. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (only this once).")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "who holds it (unique)")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or admin")
        String role;

        @Override
        int run(TokenStore store) {
            spec.commandLine().getOut().println(store.create(name, TokenStore.parseRole(role), Instant.now()));
            return 0;
        }
    }

    /** Names and roles, never tokens. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List token holders and roles.")
    static final class ListTokens extends Base {
        @Override
        int run(TokenStore store) {
            store.list().forEach(h -> spec.commandLine().getOut().println(h.name() + "\t" + h.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "\t" + h.createdAt()));
            return 0;
        }
    }

    /** Revokes by holder name. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a holder's token.")
    static final class Revoke extends Base {
        @Option(names = "--name", required = true)
        String name;

        @Override
        int run(TokenStore store) {
            if (!store.revoke(name)) {
                spec.commandLine().getErr().println("sco-agent token: no token named '" + name + "'");
                return 1;
            }
            spec.commandLine().getOut().println("revoked " + name);
            return 0;
        }
    }
}
