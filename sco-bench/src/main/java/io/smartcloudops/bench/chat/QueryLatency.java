package io.smartcloudops.bench.chat;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.chat.IntentRecognizer;
import io.smartcloudops.chat.OfflineChatSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>Intent classification (and slot extraction) alone is timed too, through sco-chat's public
 * {@link IntentRecognizer}: the same understanding without the answer, the session or live data.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Offline chat engine latency per query, p50/p99/p999.")
public final class QueryLatency implements Callable<Integer> {
    @Option(
            names = "--queries",
            paramLabel = "FILE",
            description = "JSON lines with a 'text' field (default: the bundled set)")
    Path queries;

    @Option(
            names = "--rounds",
            defaultValue = "20",
            description = "times each query is asked (default ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A measurement and how long the engine took to become ready (the embedding model loads first). */
    public record Measured(
            LatencySummary answers, LatencySummary classification, int queries, int rounds, double readyMs) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Measured m = measure(queries == null ? QueryFile.bundled() : QueryFile.texts(queries), rounds);
        LatencySummary h = m.answers();
        out.printf(
                "offline engine: %d queries x %d rounds (engine ready in %.0f ms)%n",
                m.queries(), m.rounds(), m.readyMs());
        out.printf(
                "answer latency: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms%n",
                h.p50Ms(), h.p99Ms(), h.p999Ms(), h.maxMs());
        LatencySummary c = m.classification();
        out.printf(
                "classification alone: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms%n",
                c.p50Ms(), c.p99Ms(), c.p999Ms(), c.maxMs());
        out.flush();
        return 0;
    }

    /** Understanding alone: intent and slots of each text, no answer, no session. */
    private static LatencySummary classification(List<String> texts, int rounds) {
        IntentRecognizer recognizer = IntentRecognizer.bundled(OfflineChatSettings.defaults());
        for (int w = 0; w < 3; w++) {
            texts.forEach(recognizer::understand);
        }
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int r = 0; r < rounds; r++) {
            for (String text : texts) {
                long t0 = System.nanoTime();
                recognizer.understand(text);
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return LatencySummary.ofNanos("chat intent classification alone (offline engine, in process)", h);
    }

    public Measured measure(List<String> texts, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("sco-query-bench");
        QuietOps ops = new QuietOps();
        long loadStart = System.nanoTime();
        try (ChatEngine engine = ProviderRegistry.builder()
                .discover(QueryLatency.class.getClassLoader())
                .build()
                .provider(ChatEngineProvider.class, "offline")
                .create(ProviderContext.builder().dataDir(dir).build(), ops, ops)) {
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
            return new Measured(
                    LatencySummary.ofNanos("chat answer (offline engine, in process)", h),
                    classification(texts, rounds),
                    texts.size(),
                    rounds,
                    loaded / 1e6);
        }
    }
}
