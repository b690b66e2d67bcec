package io.smartcloudops.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QueryLatencyTest {
    @TempDir
    Path dir;

    @Test
    void reportsPercentilesOfTheOfflineEngineOverAQueryFile() throws Exception {
        Path queries = Files.writeString(dir.resolve("q.jsonl"), """
                {"text": "status report please", "intent": "status", "slots": {}}
                {"text": "restart nginx on the app box", "intent": "restart_service", "slots": {}}

                {"text": "cpu on mon-1 over the last hour", "intent": "metric_query", "slots": {}}
                """);
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("query", "--queries", queries.toString(), "--rounds", "2"))
                .isZero();
        assertThat(out.toString())
                .contains("offline engine: 3 queries x 2 rounds")
                .containsPattern("answer latency: p50 [0-9.]+ ms, p99 [0-9.]+ ms");
    }
}
