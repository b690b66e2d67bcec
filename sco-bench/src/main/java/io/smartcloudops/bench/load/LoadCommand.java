package io.smartcloudops.bench.load;

import io.smartcloudops.bench.chat.QueryFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-bench load}: the agent's {@code /status} and {@code /query} latency under wrk at fixed rates. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description =
                "Start sco-agent.jar on loopback and drive /status and /query with wrk at fixed rates; p50/p99/p999, errors, memory.")
public final class LoadCommand implements Callable<Integer> {
    @Option(
            names = "--agent-jar",
            defaultValue = "sco-examples/target/sco-agent.jar",
            description = "the agent (default ${DEFAULT-VALUE})")
    Path agentJar;

    @Option(names = "--duration", defaultValue = "30", description = "seconds per endpoint (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description = "warm-up seconds per endpoint, not recorded (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--status-rate",
            defaultValue = "500",
            description = "GET /status requests per second (default ${DEFAULT-VALUE})")
    double statusRate;

    @Option(
            names = "--query-rate",
            defaultValue = "50",
            description = "POST /query requests per second (default ${DEFAULT-VALUE})")
    double queryRate;

    @Option(
            names = "--queries",
            description =
                    "queries asked in turn (JSON lines with 'text'; default: the bundled set, which is also used when the file is missing)")
    Path queries;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("sco-load");
        LoadResult r = new AgentLoad(agentJar, work, out)
                .run(
                        statusRate,
                        queryRate,
                        Duration.ofSeconds(seconds),
                        Duration.ofSeconds(warmup),
                        queryTexts(queries));
        if (r.wasSkipped()) {
            out.println("load not run: " + r.skipped());
            out.flush();
            return 0;
        }
        for (WrkResult w : r.runs()) {
            out.println(w.summary());
        }
        for (AgentMemory m : r.memory()) {
            out.printf(
                    Locale.ROOT,
                    "agent memory %s: RSS %.1f MiB, live heap %.1f MiB%n",
                    m.when(),
                    m.rssBytes() / 1048576.0,
                    m.liveHeapBytes() / 1048576.0);
        }
        out.flush();
        return 0;
    }

    /** The file's queries, or the bundled set when no file is given or it is missing. */
    public static List<String> queryTexts(Path file) throws IOException {
        return file != null && Files.isRegularFile(file) ? QueryFile.texts(file) : QueryFile.bundled();
    }
}
