package io.smartcloudops.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-bench query --queries FILE}: how long the offline chat engine takes to answer, per
 * query (understanding, slots, answer from live data), over a file of queries in the shape of
 * {@code queries-dev.jsonl}, each asked in a fresh session so no follow-up resolution helps.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Offline chat engine latency per query, p50/p99/p999.")
public final class QueryLatency implements Callable<Integer> {
    @Option(names = "--queries", required = true, paramLabel = "FILE", description = "JSON lines with a 'text' field")
    Path queries;

    @Option(names = "--rounds", defaultValue = "20", description = "times each query is asked (default ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(queries)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                texts.add(n.path("text").asText());
            }
        }
        Path dir = Files.createTempDirectory("sco-query-bench");
        QuietOps ops = new QuietOps();
        long loadStart = System.nanoTime();
        try (ChatEngine engine = ProviderRegistry.builder().discover(getClass().getClassLoader()).build()
                .provider(ChatEngineProvider.class, "offline").create(ProviderContext.builder().dataDir(dir).build(), ops, ops)) {
            long loaded = System.nanoTime() - loadStart;
            Principal who = new Principal("bench", Role.OPERATOR);
            for (int w = 0; w < 3; w++) { // warm-up: the JIT and the embedding model's first runs
                for (int i = 0; i < texts.size(); i++) {
                    engine.answer(new ChatQuery(texts.get(i), "warm-" + w + "-" + i, who));
                }
            }
            Histogram h = new Histogram(60_000_000_000L, 3);
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < texts.size(); i++) {
                    long t0 = System.nanoTime();
                    engine.answer(new ChatQuery(texts.get(i), "r" + r + "-" + i, who));
                    h.recordValue(System.nanoTime() - t0);
                }
            }
            out.printf("offline engine: %d queries x %d rounds (engine ready in %.0f ms)%n", texts.size(), rounds, loaded / 1e6);
            out.printf("answer latency: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms%n", h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
            out.flush();
        }
        return 0;
    }
}
