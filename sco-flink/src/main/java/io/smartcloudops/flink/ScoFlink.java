package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The agent's detection and rules as a Flink operator: samples keyed by series, each series scored
 * by the detector the agent would run (any {@code DetectorProvider} by name) and its rules
 * evaluated in event time.
 *
 * <pre>{@code
 * DataStream<Sample> samples = env.fromSource(
 *         source,
 *         SampleWatermarks.boundedOutOfOrderness(Duration.ofSeconds(30), Duration.ofMinutes(1)),
 *         "samples");
 * ScoFlink.Streams out = ScoFlink.builder()
 *         .detector("default")
 *         .rules("rules.yml", ruleText)
 *         .build()
 *         .apply(samples);
 * out.alerts()
 *         .sinkTo(AlertmanagerWebhookSink.builder(URI.create("http://agent:8080/webhook/alertmanager"))
 *                 .build());
 * }</pre>
 */
public final class ScoFlink {
    /** The operator's uid: a savepoint's state is matched to it, so it never changes. */
    public static final String OPERATOR_UID = "sco-series";

    /**
     * The name of the operator's keyed {@code ValueState<SeriesState>} that holds a series' detector
     * and rule state (see {@link #seriesStateDescriptor()}).
     */
    public static final String DETECTOR_STATE = "detector";

    private final Settings settings;

    private ScoFlink(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The descriptor of the operator's {@link #DETECTOR_STATE}, without the TTL a job may add: for
     * writing a savepoint whose series go on from an agent's checkpoint ({@link SeriesState#of}).
     */
    public static ValueStateDescriptor<SeriesState> seriesStateDescriptor() {
        return new ValueStateDescriptor<>(DETECTOR_STATE, new SeriesStateSerializer());
    }

    /** Keys the samples by series and runs detection and rules on them. */
    public Streams apply(DataStream<Sample> samples) {
        OutputTag<AnomalyEvent> anomalies = new OutputTag<>("anomalies", ScoTypes.ANOMALY_EVENT);
        OutputTag<Alert> alerts = new OutputTag<>("alerts", ScoTypes.ALERT);
        SingleOutputStreamOperator<ScoredSample> scored = samples.keyBy(Sample::series, ScoTypes.SERIES_ID)
                .process(new SeriesProcessor(settings, anomalies, alerts), ScoTypes.SCORED_SAMPLE)
                .uid(OPERATOR_UID)
                .name("sco detect+rules");
        return new Streams(scored, scored.getSideOutput(anomalies), scored.getSideOutput(alerts));
    }

    /**
     * What the operator emits.
     *
     * @param scored every sample with its verdict and score (dropped ones too, with their verdict)
     * @param anomalies samples that scored at or above the anomaly threshold
     * @param alerts the rules' alert transitions (pending, firing, resolved, inactive)
     */
    public record Streams(
            DataStream<ScoredSample> scored, DataStream<AnomalyEvent> anomalies, DataStream<Alert> alerts) {}

    /**
     * The operator's settings, shipped to the task managers with the job.
     *
     * @param rulesText the rule file's text, read once when the job is built so every task evaluates the same rules
     * @param maxFuture samples stamped further ahead of processing time are dropped; null: no limit (backfills)
     * @param stateTtl a series' state expires this long after its last write; null: never
     */
    public record Settings(
            String detector,
            Map<String, String> detectorConfig,
            double anomalyThreshold,
            String rulesName,
            String rulesText,
            Duration staleAfter,
            Duration maxFuture,
            Duration stateTtl)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Settings {
            Objects.requireNonNull(detector, "detector");
            detectorConfig = new TreeMap<>(detectorConfig);
            Objects.requireNonNull(staleAfter, "staleAfter");
            // A series' firing alert resolves when it goes stale (a timer staleAfter past its last
            // sample); state that expired before that would take the alert with it, never resolved,
            // where the agent resolves the alerts of a series it forgets (RuleEngine.seriesGone).
            if (stateTtl != null && stateTtl.compareTo(staleAfter) <= 0) {
                throw new IllegalArgumentException("the state TTL (" + stateTtl + ") must be longer than staleAfter ("
                        + staleAfter + "), or a series' state expires before its alerts resolve; "
                        + "use a TTL of hours or days (the agent forgets an idle series after an hour)");
            }
        }
    }

    /** Options for {@link ScoFlink}; the defaults are the agent's. */
    public static final class Builder {
        private String detector = "default";
        private final Map<String, String> detectorConfig = new TreeMap<>();
        private double threshold = 0.95;
        private String rulesName;
        private String rulesText;
        private Duration staleAfter = Duration.ofMinutes(5);
        private Duration maxFuture;
        private Duration stateTtl;

        private Builder() {}

        /** The {@code DetectorProvider} by name, as in the agent's config ({@code default} is the ensemble, {@code ewma}, {@code seasonal}, ...). */
        public Builder detector(String name) {
            this.detector = Objects.requireNonNull(name);
            return this;
        }

        /** One key of the detector provider's config. */
        public Builder detectorConfig(String key, String value) {
            detectorConfig.put(key, value);
            return this;
        }

        /** Scores at or above this become anomalies, and {@code anomalous(...)} rules hold. */
        public Builder anomalyThreshold(double t) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("anomaly threshold must be in (0, 1], got " + t);
            }
            this.threshold = t;
            return this;
        }

        /** A rule file's name (for error messages) and text. */
        public Builder rules(String name, String text) {
            this.rulesName = Objects.requireNonNull(name);
            this.rulesText = Objects.requireNonNull(text);
            return this;
        }

        public Builder staleAfter(Duration d) {
            this.staleAfter = Objects.requireNonNull(d);
            return this;
        }

        public Builder rejectFuture(Duration skew) {
            this.maxFuture = skew;
            return this;
        }

        public Builder stateTtl(Duration ttl) {
            this.stateTtl = ttl;
            return this;
        }

        /** @throws io.smartcloudops.remediate.rules.RuleFileException when the rules do not parse, before any task starts */
        public ScoFlink build() {
            if (rulesText != null) {
                new io.smartcloudops.remediate.rules.RuleFileLoader().parse(rulesName, rulesText);
            }
            return new ScoFlink(new Settings(
                    detector, detectorConfig, threshold, rulesName, rulesText, staleAfter, maxFuture, stateTtl));
        }
    }
}
