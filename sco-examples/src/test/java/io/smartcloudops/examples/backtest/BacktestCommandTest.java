package io.smartcloudops.examples.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.examples.agent.AgentCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path rules() throws Exception {
        return Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Spike
                        expr: anomaly_score({}) >= 0.95
                        labels: {severity: warning}
                      - alert: Hot
                        expr: cpu_load > 80
                        for: 10m
                        labels: {severity: critical}
                policies:
                  - name: restart on spike
                    match: ['alertname="Spike"']
                    remediation: {action: restart_service, target: '{{ $labels.file }}', parameters: {unit: app}}
                """);
    }

    /** NAB's layout and timestamp format: a quiet day, one spike, a later hot hour. */
    private Path nabTree() throws Exception {
        Path cat = Files.createDirectories(dir.resolve("data/realKnownCause"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.of(2014, 2, 14, 0, 0);
        for (int i = 0; i < 400; i++) {
            double v = 20 + (i % 6);
            if (i == 200) {
                v = 99;
            }
            if (i >= 300 && i < 330) {
                v = 85 + (i % 3);
            }
            csv.append(t.plusMinutes(5L * i).toString().replace('T', ' '))
                    .append(i == 10 ? ":00,garbage" : ":00," + v)
                    .append('\n');
        }
        Files.writeString(cat.resolve("cpu_load.csv"), csv.toString());
        return dir.resolve("data");
    }

    @Test
    void reportsWhatWouldHaveFiredAndBeenDoneAndWritesJson() throws Exception {
        Path json = dir.resolve("report.json");
        assertThat(run(
                        "backtest",
                        "--rules",
                        rules().toString(),
                        "--data",
                        nabTree().toString(),
                        "--json",
                        json.toString(),
                        "--detector",
                        "ewma"))
                .as(err.toString())
                .isZero();
        String text = out.toString();
        assertThat(text).contains("alert  Spike").contains("2014-02-14T16:40:00Z");
        assertThat(text)
                .contains("action restart_service cpu_load")
                .contains("dry_run: would run: systemctl restart app");
        assertThat(text).contains("Hot").contains("firing");
        assertThat(text).contains("399 samples from 1 files (1 unreadable rows skipped)");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("firings").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(doc.get("actions").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void explainsBadInput() throws Exception {
        assertThat(run("backtest", "--rules", dir.resolve("missing.yml").toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.yml");
        Files.writeString(dir.resolve("odd.csv"), "when,what\n1,2\n");
        assertThat(run(
                        "backtest",
                        "--rules",
                        rules().toString(),
                        "--data",
                        dir.resolve("odd.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("header must be");
        assertThat(run("backtest", "--rules", rules().toString())).isNotZero();
    }
}
