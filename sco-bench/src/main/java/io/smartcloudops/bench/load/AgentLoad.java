package io.smartcloudops.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue #8's HTTP load: starts the agent on a free loopback port with a fresh data directory, warms
 * it, then drives {@code GET /status} and {@code POST /query} with wrk at fixed rates, one endpoint
 * at a time, and reads the agent's memory before and after (flat memory is a target).
 *
 * <p>{@code /query} is limited to 120 requests a minute per caller, so its load is spread over
 * enough viewer tokens that no caller passes the limit, as many operators asking at once would.
 */
public final class AgentLoad {
    /** Per caller and minute, below the agent's limit of 120 with room for the warm-up. */
    private static final int QUERIES_PER_TOKEN = 90;

    private final Path agentJar;
    private final Path workDir;
    private final PrintWriter progress;

    public AgentLoad(Path agentJar, Path workDir, PrintWriter progress) {
        this.agentJar = agentJar;
        this.workDir = workDir;
        this.progress = progress;
    }

    /**
     * @param queryTexts what {@code /query} is asked, in turn
     */
    public LoadResult run(
            double statusRate, double queryRate, Duration duration, Duration warmup, List<String> queryTexts)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(agentJar)) {
            return LoadResult.skipped(
                    "no agent jar at " + agentJar.toAbsolutePath() + " (build it with: mvn -B -q -DskipTests package)");
        }
        Files.createDirectories(workDir);
        Optional<Wrk> found = Wrk.find(workDir);
        if (found.isEmpty()) {
            return LoadResult.skipped("wrk is not installed (Debian: apt-get install -y wrk)");
        }
        Wrk wrk = found.get();
        Path dataDir = Files.createTempDirectory(workDir, "agent-data");
        long queries = Math.round(queryRate * (duration.toSeconds() + warmup.toSeconds()));
        int tokenCount = (int) Math.max(1, Math.min(200, (queries + QUERIES_PER_TOKEN - 1) / QUERIES_PER_TOKEN));
        progress.printf("load: creating %d viewer tokens for /query%n", tokenCount);
        progress.flush();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < tokenCount; i++) {
            tokens.add(AgentProcess.createToken(agentJar, dataDir, "load-" + i));
        }
        Path bodies = writeBodies(queryTexts);
        List<AgentMemory> memory = new ArrayList<>();
        List<WrkResult> runs = new ArrayList<>();
        try (AgentProcess agent = AgentProcess.start(agentJar, dataDir, Duration.ofMinutes(3))) {
            String base = agent.baseUrl();
            progress.printf("load: agent pid %d at %s%n", agent.pid(), base);
            progress.flush();
            memory.add(agent.memory("after start"));
            if (!warmup.isZero()) {
                wrk.run("warm-up", base + "/status", "GET", statusRate, 16, warmup, null, List.of());
                wrk.run("warm-up", base + "/query", "POST", queryRate, 8, warmup, bodies, tokens);
            }
            memory.add(agent.memory("before load"));
            runs.add(wrk.run("GET /status", base + "/status", "GET", statusRate, 16, duration, null, List.of()));
            progress.printf("load: %s%n", runs.get(runs.size() - 1).summary());
            runs.add(wrk.run("POST /query", base + "/query", "POST", queryRate, 8, duration, bodies, tokens));
            progress.printf("load: %s%n", runs.get(runs.size() - 1).summary());
            memory.add(agent.memory("after load"));
            progress.flush();
        }
        return new LoadResult(runs, memory, null);
    }

    private Path writeBodies(List<String> texts) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode n = json.createObjectNode();
            n.put("text", texts.get(i));
            // one session per query text: the conversation store stays the same size however long the run
            n.put("session", "load-" + i);
            lines.add(json.writeValueAsString(n));
        }
        return Files.write(workDir.resolve("query-bodies.jsonl"), lines, StandardCharsets.UTF_8);
    }
}
