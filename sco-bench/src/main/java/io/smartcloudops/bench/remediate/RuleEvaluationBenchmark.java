package io.smartcloudops.bench.remediate;

import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rule evaluation over many series with a realistic rule set (thresholds with {@code for}, an
 * anomaly rule, an absent rule). {@code fullRound}: every series gets a new sample, then one
 * evaluation (the agent's loop at one sample per series per interval); divide by the series count
 * for the cost per series. {@code quietRound}: an evaluation with nothing new, which only advances
 * time-driven transitions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvaluationBenchmark {
    static final String RULES = """
            groups:
              - name: bench
                rules:
                  - alert: HighCpuUsage
                    expr: node_cpu_usage_percent > 90
                    for: 5m
                    labels: {severity: warning}
                  - alert: HighMemoryUsage
                    expr: node_memory_usage_percent > 90
                    for: 5m
                  - alert: DiskSpaceLow
                    expr: node_filesystem_usage_percent > 90
                    for: 5m
                    labels: {severity: critical}
                  - alert: HighLoadAverage
                    expr: node_load1 > 8
                    for: 10m
                  - alert: CpuAnomaly
                    expr: anomaly_score(node_cpu_usage_percent) >= 0.95
                  - alert: InstanceDown
                    expr: up == 0
                    for: 1m
                  - alert: Gone
                    expr: absent(heartbeat)
            """;
    static final String[] METRICS = {
        "node_cpu_usage_percent", "node_memory_usage_percent", "node_filesystem_usage_percent", "node_load1", "up"
    };

    @Param({"1000", "10000"})
    public int series;

    private RuleEngine engine;
    private Instant now;
    private SeriesId[] ids;
    private long round;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new RuleEngine(new RuleFileLoader().parse("bench.yml", RULES), Duration.ofMinutes(5));
        now = Instant.parse("2026-11-27T00:00:00Z");
        ids = new SeriesId[series];
        for (int i = 0; i < series; i++) {
            SeriesId id = SeriesId.of(METRICS[i % METRICS.length], Labels.of("host", "h" + (i / METRICS.length)));
            ids[i] = id;
            double v =
                    id.name().equals("up") ? 1 : (i % 97 == 0 ? 95 : 40); // about 1% of series breach their threshold
            engine.observe(new Sample(id, now.toEpochMilli(), v), new Score(0.1, v, v, v, "", ""));
        }
    }

    @Benchmark
    public void fullRound(Blackhole bh) {
        now = now.plusSeconds(1);
        round++;
        long t = now.toEpochMilli();
        for (int i = 0; i < ids.length; i++) {
            double v = ids[i].name().equals("up") ? 1 : ((i + round) % 97 == 0 ? 95 : 40);
            engine.observe(new Sample(ids[i], t, v), null);
        }
        bh.consume(engine.evaluate(now));
    }

    @Benchmark
    public void quietRound(Blackhole bh) {
        now = now.plusMillis(1);
        bh.consume(engine.evaluate(now));
    }
}
