package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test data and its expected outcome: a fleet of series sampled once a minute (sample {@code i} is
 * a pure function of {@code i}, so a Flink source can generate it on any task), with bursts that
 * trip the rules, run through the agent's own pipeline and rule engine the way the agent's loop
 * runs them: every sample of a round ingested and observed, then the rules evaluated once.
 */
final class Fleet implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    static final long STEP = 60_000;
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    static final double THRESHOLD = 0.95;
    static final String RULES = """
            groups:
              - name: fleet
                rules:
                  - alert: HighLoad
                    expr: load > 80
                    for: 3m
                    labels: {severity: critical}
                    annotations: {summary: "load {{ $value }} on {{ $labels.host }}"}
                  - alert: Surge
                    expr: delta(load[5m]) > 40
                  - alert: Odd
                    expr: anomalous(load)
            """;

    final int series;
    final int steps;

    Fleet(int series, int steps) {
        this.series = series;
        this.steps = steps;
    }

    int size() {
        return series * steps;
    }

    static SeriesId id(int host) {
        return SeriesId.of("load", Labels.of("host", "h" + host));
    }

    /** Sample {@code index}: round {@code index / series}, host {@code index % series}. */
    Sample sample(long index) {
        int host = (int) (index % series);
        int step = (int) (index / series);
        double base = 30 + 5 * host + 4 * Math.sin(step / 7.0 + host);
        // each host has a burst of six minutes at its own time, and a single spike later
        int burst = 60 + 23 * host;
        double value = step >= burst && step < burst + 6 ? base + 70 : base;
        if (step == burst + 40) {
            value = base + 45;
        }
        return new Sample(id(host), T0 + step * STEP, value);
    }

    List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (long i = 0; i < size(); i++) {
            out.add(sample(i));
        }
        return out;
    }

    ScoFlink job(String detector) {
        return ScoFlink.builder()
                .detector(detector)
                .anomalyThreshold(THRESHOLD)
                .rules("fleet.yml", RULES)
                .staleAfter(STALE_AFTER)
                .build();
    }

    /** The agent's outcome on the same samples. */
    Expected expected(String detector) {
        DetectionPipeline pipeline = DetectionPipeline.builder(ProviderRegistry.builder()
                        .discover(Fleet.class.getClassLoader())
                        .build()
                        .provider(DetectorProvider.class, detector)
                        .create(ProviderContext.builder().build()))
                .anomalyThreshold(THRESHOLD)
                .build();
        RuleEngine engine = new RuleEngine(new RuleFileLoader().parse("fleet.yml", RULES), STALE_AFTER, THRESHOLD);
        List<ScoredSample> scored = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        long last = T0;
        for (int step = 0; step < steps; step++) {
            long ts = 0;
            for (int host = 0; host < series; host++) {
                Sample s = sample((long) step * series + host);
                ts = s.timestampMillis();
                ScoredSample r = pipeline.ingest(s);
                scored.add(r);
                if (r.verdict() == SampleVerdict.SCORED) {
                    engine.observe(s, r.score());
                }
            }
            alerts.addAll(engine.evaluate(Instant.ofEpochMilli(ts)));
            last = ts;
        }
        // the stream ends: with no more samples every series goes stale, as the job's timers see at the final watermark
        alerts.addAll(engine.evaluate(Instant.ofEpochMilli(last + STALE_AFTER.toMillis() + 1)));
        return new Expected(scored, alerts);
    }

    record Expected(List<ScoredSample> scored, List<Alert> alerts) {}

    /** What the identity of two runs is judged on: everything but the anomaly's id, which the pipeline numbers per instance. */
    record Row(
            SeriesId series, long timestampMillis, double value, SampleVerdict verdict, Score score, boolean anomaly) {
        static Row of(ScoredSample s) {
            return new Row(
                    s.sample().series(),
                    s.sample().timestampMillis(),
                    s.sample().value(),
                    s.verdict(),
                    s.score(),
                    s.anomaly().isPresent());
        }
    }

    static Map<String, Row> byKey(List<ScoredSample> scored) {
        Map<String, Row> out = new TreeMap<>();
        for (ScoredSample s : scored) {
            Row r = Row.of(s);
            if (out.put(r.series() + "@" + r.timestampMillis(), r) != null) {
                throw new AssertionError("sample scored twice: " + r);
            }
        }
        return out;
    }
}
