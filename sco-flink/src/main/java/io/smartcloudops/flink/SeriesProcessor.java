package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.rules.Condition;
import io.smartcloudops.remediate.rules.Rule;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.SeriesRuleState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One series' detection and rules, keyed by series. Samples wait in keyed state until the
 * watermark passes them, so samples out of order within the watermark's bound are scored in time
 * order; each is then scored by the agent's own {@link DetectionPipeline} (its verdicts for
 * non-finite, duplicate and out-of-order samples) and observed by the agent's own {@link RuleEngine},
 * evaluated at the sample's event time. Event-time timers evaluate the rules again when a pending
 * alert's {@code for} elapses and when a series with alerts goes stale.
 *
 * <p>State per series: a {@link SeriesState} ({@code detector}: the live detector, its last scored
 * time and the rule engine's view of the series, written by {@link SeriesStateSerializer}) and the
 * samples waiting for the watermark ({@code pending}). The detector is never snapshotted per sample:
 * with the heap backend it lives in the state table and is serialized only by checkpoints; with
 * RocksDB Flink deserializes it on each access and serializes it on each write.
 */
final class SeriesProcessor extends KeyedProcessFunction<SeriesId, Sample, ScoredSample> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesProcessor.class);

    private final ScoFlink.Settings settings;
    private final OutputTag<AnomalyEvent> anomalies;
    private final OutputTag<Alert> alerts;

    private transient DetectorFactory factory;
    /** Holds no series: it scores with the detectors the keyed state holds, by the agent's verdicts. */
    private transient DetectionPipeline pipeline;

    private transient RuleEngine engine;
    private transient Map<String, Duration> forByRule;
    private transient ValueState<SeriesState> seriesState;
    private transient MapState<Long, Sample> pending;
    private transient Map<SampleVerdict, Counter> verdicts;
    private transient Counter late;

    SeriesProcessor(ScoFlink.Settings settings, OutputTag<AnomalyEvent> anomalies, OutputTag<Alert> alerts) {
        this.settings = settings;
        this.anomalies = anomalies;
        this.alerts = alerts;
    }

    @Override
    public void open(OpenContext openContext) {
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(SeriesProcessor.class.getClassLoader())
                .build();
        factory = registry.provider(DetectorProvider.class, settings.detector())
                .create(ProviderContext.builder()
                        .config(ProviderConfig.of(settings.detectorConfig()))
                        .build());
        pipeline = DetectionPipeline.builder(factory)
                .anomalyThreshold(settings.anomalyThreshold())
                .build();
        List<Rule> rules = settings.rulesText() == null
                ? List.of()
                : new RuleFileLoader()
                        .parse(settings.rulesName(), settings.rulesText()).stream()
                                .filter(r -> !(r.condition() instanceof Condition.Absent))
                                .toList();
        if (settings.rulesText() != null) {
            long absent = new RuleFileLoader()
                            .parse(settings.rulesName(), settings.rulesText())
                            .size()
                    - rules.size();
            if (absent > 0) {
                LOG.warn(
                        "{} absent(...) rules in {} are skipped: they need every series at once, which a keyed operator never sees",
                        absent,
                        settings.rulesName());
            }
        }
        engine = rules.isEmpty() ? null : new RuleEngine(rules, settings.staleAfter(), settings.anomalyThreshold());
        forByRule = new HashMap<>();
        rules.forEach(r -> forByRule.putIfAbsent(ruleKey(r.group(), r.name()), r.forDuration()));

        ValueStateDescriptor<SeriesState> det = ScoFlink.seriesStateDescriptor();
        MapStateDescriptor<Long, Sample> pen = new MapStateDescriptor<>("pending", Types.LONG, ScoTypes.SAMPLE);
        if (settings.stateTtl() != null) {
            // stale series (churned containers, renamed endpoints) leave state when they stop writing to it
            StateTtlConfig ttl = StateTtlConfig.newBuilder(settings.stateTtl())
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build();
            det.enableTimeToLive(ttl);
        }
        seriesState = getRuntimeContext().getState(det);
        pending = getRuntimeContext().getMapState(pen);

        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("sco");
        verdicts = new EnumMap<>(SampleVerdict.class);
        for (SampleVerdict v : SampleVerdict.values()) {
            verdicts.put(v, group.counter("samples_" + v.name().toLowerCase(Locale.ROOT)));
        }
        late = group.counter("samples_late");
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<ScoredSample> out) throws Exception {
        long ts = sample.timestampMillis();
        // The future check comes before the sample waits for the watermark: a sample from a jumped
        // clock would otherwise hold a timer far ahead and never be scored in order.
        if (settings.maxFuture() != null
                && ts
                        > ctx.timerService().currentProcessingTime()
                                + settings.maxFuture().toMillis()) {
            out.collect(dropped(sample, SampleVerdict.DROPPED_FUTURE));
            return;
        }
        if (ts <= ctx.timerService().currentWatermark()) {
            // behind the watermark: its series has moved on in event time (documented in docs/FLINK.md)
            late.inc();
            SeriesState state = seriesState.value();
            boolean repeat = state != null && state.lastTimestampMillis() == ts;
            out.collect(dropped(sample, repeat ? SampleVerdict.DROPPED_DUPLICATE : SampleVerdict.DROPPED_OUT_OF_ORDER));
            return;
        }
        if (pending.contains(ts)) {
            out.collect(dropped(sample, SampleVerdict.DROPPED_DUPLICATE));
            return;
        }
        pending.put(ts, sample);
        ctx.timerService().registerEventTimeTimer(ts);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredSample> out) throws Exception {
        SeriesId id = ctx.getCurrentKey();
        SeriesState state = seriesState.value(); // null: a new series, or one whose state the TTL expired
        boolean changed = false;
        Sample sample = pending.get(timestamp);
        ScoredSample scored = null;
        if (sample != null) {
            pending.remove(timestamp);
            Detector detector =
                    state == null ? factory.create(id, DetectorSettings.defaults()) : state.detector(factory);
            scored = pipeline.ingest(sample, detector, state == null ? Long.MIN_VALUE : state.lastTimestampMillis());
            verdicts.get(scored.verdict()).inc();
            if (scored.verdict() == SampleVerdict.SCORED) {
                if (state == null) {
                    state = SeriesState.started(detector, timestamp);
                } else {
                    state.scored(timestamp);
                }
                changed = true;
                scored = named(id, scored);
            }
            out.collect(scored);
            scored.anomaly().ifPresent(a -> ctx.output(anomalies, a));
        }
        if (engine != null && state != null) {
            changed |= evaluateRules(
                    id,
                    state,
                    timestamp,
                    scored != null && scored.verdict() == SampleVerdict.SCORED ? scored : null,
                    ctx);
        }
        if (changed) {
            // the heap backend holds this very object already; the write renews its TTL, and RocksDB stores it
            seriesState.update(state);
        }
    }

    /** The pipeline numbers anomalies per instance; in a job they are named by series and time so a replay names them alike. */
    private ScoredSample named(SeriesId id, ScoredSample scored) {
        Optional<AnomalyEvent> anomaly = scored.anomaly()
                .map(a -> new AnomalyEvent(
                        anomalyId(id, a.timestampMillis()),
                        a.series(),
                        a.timestampMillis(),
                        a.value(),
                        a.score(),
                        a.detector()));
        return new ScoredSample(scored.sample(), scored.verdict(), scored.score(), anomaly);
    }

    /** Runs the rules on the series at {@code timestamp}; true when its rule state changed. */
    private boolean evaluateRules(
            SeriesId id, SeriesState state, long timestamp, ScoredSample scored, OnTimerContext ctx) {
        SeriesRuleState before = state.rules();
        if (before == null && scored == null) {
            return false;
        }
        try {
            if (before != null) {
                engine.importSeries(before);
            }
            if (scored != null) {
                engine.observe(scored.sample(), scored.score());
            }
            for (Alert changed : engine.evaluate(Instant.ofEpochMilli(timestamp))) {
                ctx.output(alerts, changed);
            }
            SeriesRuleState now = engine.exportSeries(id).orElse(null);
            state.rules(now);
            if (now == null) {
                return before != null;
            }
            for (SeriesRuleState.RuleAlert ra : now.alerts()) {
                if (ra.alert().state() == AlertState.PENDING) {
                    Duration forDuration = forByRule.getOrDefault(ruleKey(ra.group(), ra.rule()), Duration.ZERO);
                    long due = ra.alert().activeSince().plus(forDuration).toEpochMilli();
                    if (due > timestamp) {
                        ctx.timerService().registerEventTimeTimer(due);
                    }
                }
            }
            if (!now.alerts().isEmpty()) {
                // one past the edge: the engine calls a series stale when its newest sample is older than staleAfter
                long stale =
                        now.latest().timestampMillis() + settings.staleAfter().toMillis() + 1;
                if (stale > timestamp) {
                    ctx.timerService().registerEventTimeTimer(stale);
                }
            }
            return !Objects.equals(before, now);
        } finally {
            engine.forgetSeries(id);
        }
    }

    private String anomalyId(SeriesId id, long timestampMillis) {
        return "an-" + Alert.fingerprintOf(Labels.of("series", id.toString(), "detector", factory.name())) + "-"
                + timestampMillis;
    }

    private ScoredSample dropped(Sample sample, SampleVerdict verdict) {
        verdicts.get(verdict).inc();
        return new ScoredSample(sample, verdict, Score.none(verdict.name().toLowerCase(Locale.ROOT)), Optional.empty());
    }

    private static String ruleKey(String group, String name) {
        return (group == null ? "" : group) + "\u0000" + name;
    }
}
