package io.smartcloudops.examples.agent;

import io.smartcloudops.api.ScoException;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.Agent;
import io.smartcloudops.server.AgentConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What the three host programs share ({@code sco-agent}, {@code sco-monitor}, {@code sco-app}):
 * embedded defaults, then {@code --config FILE}, then flags, each overriding the one before; a
 * clean stop on SIGTERM; exit code 2 with one line saying what to fix on a bad configuration.
 */
public abstract class HostCommand implements Callable<Integer> {
    static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
    Path configFile;

    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "HTTP bind address (default 127.0.0.1)")
    String bind;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "where the audit log and state live (default ./sco-data)")
    Path dataDir;

    @Option(
            names = "--sample-interval",
            paramLabel = "DURATION",
            description = "how often to sample, e.g. 5s, 1m (default 5s)")
    String sampleInterval;

    @Option(
            names = "--prometheus-url",
            paramLabel = "URL",
            description = "also pull Node Exporter metrics through this Prometheus server's HTTP API")
    String prometheusUrl;

    @Option(
            names = "--llm-base-url",
            paramLabel = "URL",
            description =
                    "answer chat with an OpenAI-compatible LLM at this URL (OpenAI, LiteLLM, Ollama's /v1); falls back to the offline engine")
    String llmBaseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "the LLM's model name (with --llm-base-url)")
    String llmModel;

    @Option(
            names = "--llm-api-key-env",
            paramLabel = "VAR",
            description = "environment variable holding the LLM API key (default OPENAI_API_KEY)")
    String llmApiKeyEnv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "accept the token in this file as an operator token (what the other host of a pair presents)")
    Path tokenFile;

    /** The program's name in messages. */
    abstract String programName();

    /** The embedded defaults the config file and flags override. */
    AgentConfig defaults() {
        return AgentConfig.defaults();
    }

    /** The flags of one kind of host, applied last. */
    void applyHostFlags(AgentConfig.Builder b) {}

    /** Checks the whole configuration of one kind of host. */
    void checkHost(AgentConfig c) {}

    AgentConfig resolveConfig() {
        AgentConfig c = defaults();
        if (configFile != null) {
            c = new AgentConfigLoader().load(configFile, c);
        }
        AgentConfig.Builder b = c.toBuilder();
        if (bind != null) {
            b.bind(bind);
        }
        if (port != null) {
            b.port(checkedPort(port));
        }
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (prometheusUrl != null) {
            Map<String, ProviderConfig> sources =
                    new LinkedHashMap<>(c.runtime().sources());
            sources.put("prometheus", ProviderConfig.of("sources.prometheus", Map.of("url", prometheusUrl)));
            b.sources(sources);
        }
        if (llmBaseUrl != null || llmModel != null) {
            if (llmBaseUrl == null || llmModel == null) {
                throw new io.smartcloudops.api.ConfigException("--llm-base-url and --llm-model go together");
            }
            String keyVar = llmApiKeyEnv == null ? "OPENAI_API_KEY" : llmApiKeyEnv;
            String key = System.getenv(keyVar); // the command line, not the library, reads the environment
            Map<String, Object> llm =
                    new LinkedHashMap<>(c.server().chatSettings().asMap());
            llm.put("base_url", llmBaseUrl);
            llm.put("model", llmModel);
            llm.put("api_key", key == null ? "" : key);
            b.chatEngine("llm").chatSettings(ProviderConfig.of("chat.settings", llm));
        }
        if (sampleInterval != null) {
            Duration d = ProviderConfig.parseDuration("--sample-interval", sampleInterval);
            if (d.toMillis() < 10) {
                throw new io.smartcloudops.api.ConfigException(
                        "--sample-interval must be at least 10ms, got " + sampleInterval);
            }
            b.sampleInterval(d);
        }
        if (tokenFile != null) {
            b.httpToken(AgentConfigLoader.token(
                            ProviderConfig.of("--token-file", Map.of("token_file", tokenFile.toString())),
                            "--token-file")
                    .orElseThrow());
        }
        applyHostFlags(b);
        AgentConfig resolved = b.build();
        checkHost(resolved);
        return resolved;
    }

    /** The token in a file named by a flag. */
    static String tokenFrom(Path file, String flag) {
        return AgentConfigLoader.token(ProviderConfig.of(flag, Map.of("token_file", file.toString())), flag)
                .orElseThrow();
    }

    private static int checkedPort(int p) {
        if (p < 0 || p > 65_535) {
            throw new io.smartcloudops.api.ConfigException("--port must be in [0, 65535], got " + p);
        }
        return p;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        AgentConfig config;
        Agent agent;
        try {
            config = resolveConfig();
            PrintWriter firstOut = spec.commandLine().getOut();
            agent = Agent.builder(config)
                    .onFirstAdminToken(token -> {
                        firstOut.println(
                                "First start: admin API token (shown once; keep it, or create others with 'sco-agent token create'):");
                        firstOut.println("  " + token);
                        firstOut.flush();
                    })
                    .build()
                    .start();
        } catch (ScoException e) {
            err.println(programName() + ": " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            err.println(programName() + ": cannot start: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        String base = "http://"
                + (config.server().bind().contains(":")
                        ? "[" + config.server().bind() + "]"
                        : config.server().bind()) + ":" + agent.port();
        PrintWriter out = spec.commandLine().getOut();
        out.println("SmartCloudOps " + programName() + " listening on " + base + "/  (status " + base
                + "/status, query " + base
                + "/query, logs " + base + "/logs, metrics " + base + "/metrics); data in "
                + config.runtime().dataDir().toAbsolutePath() + "; actions "
                + config.runtime().actionMode().name().toLowerCase(Locale.ROOT));
        out.flush();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            stopped.countDown();
                        },
                        programName() + "-shutdown"));
        stopped.await();
        return 0;
    }
}
