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

class ChatEvalTest {
    @TempDir
    Path dir;

    private String run(Path file) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        assertThat(cl.execute("chat-eval", "--queries", file.toString()))
                .as(out.toString())
                .isZero();
        return out.toString();
    }

    @Test
    void scoresIntentSlotsAndFollowUpsOfALabelledFile() throws Exception {
        Path queries = Files.writeString(dir.resolve("q.jsonl"), """
                {"text": "status report please", "intent": "status", "slots": {}}
                {"text": "cpu on mon-1 over the last hour", "intent": "metric_query", "slots": {"metric": "cpu", "host": "monitor", "range": "PT60M"}}

                {"context": "memory on the api for the last hour", "text": "and for redis?", "intent": "metric_query", "slots": {"service": "redis"}}
                """);
        assertThat(run(queries)).contains("q.jsonl: intent 1.000 (3/3), slots 1.000 (2/2), unsafe 0");
    }

    @Test
    void countsAQuestionTakenForAnActionAsUnsafe() throws Exception {
        Path queries = Files.writeString(dir.resolve("q.jsonl"), """
                {"text": "restart nginx", "intent": "status", "slots": {}}
                """);
        assertThat(run(queries)).contains("unsafe 1").contains("want status");
    }

    @Test
    void refusesALineWithoutIntentNamingTheLine() throws Exception {
        Path queries = Files.writeString(dir.resolve("q.jsonl"), "{\"text\": \"status\"}\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("chat-eval", "--queries", queries.toString())).isNotZero();
        assertThat(err.toString()).contains("q.jsonl:1").contains("\"intent\"");
    }

    @Test
    void loadsTheBundledQueriesWhenNoFileIsGiven() throws Exception {
        assertThat(QueryFile.bundled()).hasSizeGreaterThan(90).contains("how are we doing overall");
    }
}
