package io.smartcloudops.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.bench.detect.Footprint;
import io.smartcloudops.bench.load.AgentMemory;
import io.smartcloudops.bench.load.LoadResult;
import io.smartcloudops.bench.load.WrkResult;
import io.smartcloudops.bench.soak.SoakResult;
import io.smartcloudops.bench.soak.SoakSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static ReportFigures.Builder complete() {
        Map<String, Double> ours = new LinkedHashMap<>();
        ours.put("standard", 64.13);
        ours.put("reward_low_FP_rate", 58.05);
        ours.put("reward_low_FN_rate", 68.33);
        Map<String, Double> rcf = new LinkedHashMap<>();
        rcf.put("standard", 54.96);
        rcf.put("reward_low_FP_rate", 41.20);
        rcf.put("reward_low_FN_rate", 62.29);
        WrkResult status = new WrkResult(
                "GET /status",
                500,
                10_000,
                20,
                500,
                0,
                0,
                1.1,
                0.9,
                1.5,
                3.2,
                8.0,
                12.0,
                Map.of("50%", 0.9, "75%", 1.2, "90%", 1.5, "99%", 3.2));
        WrkResult query = new WrkResult("POST /query", 50, 1_000, 20, 50, 0, 4, 8, 6, 12, 61, 80, 90, Map.of());
        return ReportFigures.builder("quick", "2 cores (test CPU)")
                .command("java -jar sco-bench/target/sco-bench.jar report --quick --out docs/benchmarks")
                .elapsed(Duration.ofMinutes(4))
                .nab(41, List.of(new NabFigure("default", false, ours), new NabFigure("randomCutForest", true, rcf)))
                .cost(List.of(
                        new CostFigure("ewma", 80, 2),
                        new CostFigure("default", 1_500, 30),
                        new CostFigure("rcf", 90_000, 900)))
                .latency(new LatencySummary("sample-to-action (dispatch)", 2_000, 1.0, 4.1, 6.0, 9.0))
                .latency(new LatencySummary("chat answer (offline engine, in process)", 1_920, 4.0, 8.5, 11.0, 14.0))
                .chatIntentNote("Chat: whole answers.")
                .load(new LoadResult(
                        List.of(status, query),
                        List.of(
                                new AgentMemory("before load", 300L << 20, 60L << 20),
                                new AgentMemory("after load", 310L << 20, 61L << 20)),
                        null))
                .throughput(List.of(
                        new ThroughputFigure("default", 1_000, 400_000, 5_000),
                        new ThroughputFigure("default", 10_000, 350_000, 4_000),
                        new ThroughputFigure("default", 100_000, 250_000, Double.NaN)))
                .footprint(new Footprint("default", 1_000, 14_000, 9_000, 13_800))
                .footprint(new Footprint("default", 100_000, 13_500, 9_000, 13_800))
                .soak(new SoakResult(
                        "default",
                        10_000,
                        2,
                        List.of(
                                new SoakSample(15, 0.20, 150, 150_000, 0, 0),
                                new SoakSample(30, 0.21, 151, 300_000, 1, 0),
                                new SoakSample(45, 0.20, 150.5, 450_000, 0, 0))));
    }

    @Test
    void writesTheReportAndOneChartPerMeasuredSection() throws IOException {
        Path report = new ReportWriter().write(complete().build(), dir);

        assertThat(report).isEqualTo(dir.resolve("REPORT.md"));
        for (String chart : List.of(
                "nab-scores.png", "cost-per-point.png", "latency.png", "throughput.png", "memory.png", "soak.png")) {
            Path png = dir.resolve(chart);
            assertThat(png).isRegularFile();
            byte[] head = new byte[4];
            System.arraycopy(Files.readAllBytes(png), 0, head, 0, 4);
            assertThat(head).as(chart).isEqualTo(PNG_MAGIC);
            assertThat(Files.readString(report)).contains("](" + chart + ")");
        }
    }

    @Test
    void putsTheCommandsFirstAndEveryFigureInATable() throws IOException {
        String md = Files.readString(new ReportWriter().write(complete().build(), dir));

        assertThat(md.indexOf("java -jar sco-bench/target/sco-bench.jar report --quick"))
                .isLessThan(md.indexOf("## Targets"));
        assertThat(md)
                .contains("| **default** | 64.13 | 58.05 | 68.33 |")
                .contains("| randomCutForest (published) | 54.96 | 41.20 | 62.29 |")
                .contains("| rcf | 90000.0 |")
                .contains("| default | 100,000 | 250,000 | n/a | 13,500 | 9,000 / 13,800 |")
                .contains("| GET /status | 500 | 500.0 | 10,000 | 0 | 0 | 0.90 / 1.20 / 1.50 / 3.20 ms |")
                .contains("| before load | 300.0 | 60.0 |");
    }

    @Test
    void judgesEachTargetFromTheFigures() throws IOException {
        String md = Files.readString(new ReportWriter().write(complete().build(), dir));

        assertThat(md)
                .contains("| baseline detector (ewma) under 100 ns per point (#3) | 80 ns | yes |")
                .contains(
                        "| default ensemble at least 50x cheaper per point than RCF (#3) | 60.0x (1500 vs 90000 ns) | yes |")
                .containsPattern("/status p99 under 10 ms .*\\| yes \\|")
                // p99 61 ms and 4 non-2xx answers
                .containsPattern("/query p99 under 50 ms .*\\| \\*\\*no\\*\\* \\|")
                .containsPattern("CPU and heap flat .*\\| yes \\|");
    }

    @Test
    void saysWhyASectionWasNotMeasuredInsteadOfFailing() throws IOException {
        ReportFigures f = ReportFigures.builder("quick", "test")
                .load(LoadResult.skipped("wrk is not installed"))
                .note("soak: skipped (--skip)")
                .build();

        String md = Files.readString(new ReportWriter().write(f, dir));

        assertThat(md).contains("not run: wrk is not installed").contains("- soak: skipped (--skip)");
        assertThat(dir.resolve("soak.png")).doesNotExist();
    }

    @Test
    void aRisingHeapIsNotFlat() {
        SoakResult leaking = new SoakResult(
                "default",
                10_000,
                10,
                List.of(
                        new SoakSample(30, 0.2, 100, 0, 0, 0),
                        new SoakSample(300, 0.2, 120, 0, 0, 0),
                        new SoakSample(600, 0.2, 140, 0, 0, 0)));

        assertThat(ReportWriter.flat(leaking)).isFalse();
    }
}
