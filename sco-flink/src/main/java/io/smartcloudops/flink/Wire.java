package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.rules.SeriesRuleState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The binary form of SmartCloudOps values in Flink's streams and state. Written by hand rather than
 * left to Kryo: the values are immutable records without no-argument constructors, and a savepoint
 * must stay readable when a record gains a field (the serializers' snapshots carry a version).
 */
final class Wire {
    private Wire() {}

    static void labels(DataOutput out, Labels labels) throws IOException {
        Map<String, String> pairs = labels.asMap();
        out.writeInt(pairs.size());
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    static Labels labels(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return Labels.empty();
        }
        Map<String, String> pairs = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            pairs.put(in.readUTF(), in.readUTF());
        }
        return Labels.of(pairs);
    }

    static void series(DataOutput out, SeriesId id) throws IOException {
        out.writeUTF(id.name());
        labels(out, id.labels());
    }

    static SeriesId series(DataInput in) throws IOException {
        return new SeriesId(in.readUTF(), labels(in));
    }

    static void sample(DataOutput out, Sample s) throws IOException {
        series(out, s.series());
        out.writeLong(s.timestampMillis());
        out.writeDouble(s.value());
    }

    static Sample sample(DataInput in) throws IOException {
        return new Sample(series(in), in.readLong(), in.readDouble());
    }

    static void score(DataOutput out, Score s) throws IOException {
        out.writeDouble(s.value());
        out.writeDouble(s.expected());
        out.writeDouble(s.lower());
        out.writeDouble(s.upper());
        out.writeUTF(s.component());
        out.writeUTF(s.reason());
    }

    static Score score(DataInput in) throws IOException {
        return new Score(
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readUTF(), in.readUTF());
    }

    static void anomaly(DataOutput out, AnomalyEvent a) throws IOException {
        out.writeUTF(a.id());
        series(out, a.series());
        out.writeLong(a.timestampMillis());
        out.writeDouble(a.value());
        score(out, a.score());
        out.writeUTF(a.detector());
    }

    static AnomalyEvent anomaly(DataInput in) throws IOException {
        return new AnomalyEvent(in.readUTF(), series(in), in.readLong(), in.readDouble(), score(in), in.readUTF());
    }

    static void scored(DataOutput out, ScoredSample s) throws IOException {
        sample(out, s.sample());
        out.writeUTF(s.verdict().name());
        score(out, s.score());
        out.writeBoolean(s.anomaly().isPresent());
        if (s.anomaly().isPresent()) {
            anomaly(out, s.anomaly().get());
        }
    }

    static ScoredSample scored(DataInput in) throws IOException {
        Sample sample = sample(in);
        SampleVerdict verdict = SampleVerdict.valueOf(in.readUTF());
        Score score = score(in);
        Optional<AnomalyEvent> anomaly = in.readBoolean() ? Optional.of(anomaly(in)) : Optional.empty();
        return new ScoredSample(sample, verdict, score, anomaly);
    }

    static void alert(DataOutput out, Alert a) throws IOException {
        out.writeUTF(a.name());
        labels(out, a.labels());
        out.writeInt(a.annotations().size());
        for (Map.Entry<String, String> e : new TreeMap<>(a.annotations()).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeUTF(a.state().name());
        out.writeUTF(a.severity().name());
        instant(out, a.activeSince());
        instant(out, a.firedAt());
        instant(out, a.resolvedAt());
        out.writeDouble(a.value());
        out.writeUTF(a.source());
    }

    static Alert alert(DataInput in) throws IOException {
        String name = in.readUTF();
        Labels labels = labels(in);
        int n = in.readInt();
        Map<String, String> annotations = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            annotations.put(in.readUTF(), in.readUTF());
        }
        AlertState state = AlertState.valueOf(in.readUTF());
        Severity severity = Severity.valueOf(in.readUTF());
        return new Alert(
                name,
                labels,
                annotations,
                state,
                severity,
                instant(in),
                instant(in),
                instant(in),
                in.readDouble(),
                in.readUTF());
    }

    /** A detector's snapshot as the detector wrote it: its name, its format version and its bytes. */
    static void detectorState(DataOutput out, DetectorState s) throws IOException {
        out.writeUTF(s.detector());
        out.writeInt(s.version());
        byte[] b = s.bytes();
        out.writeInt(b.length);
        out.write(b);
    }

    static DetectorState detectorState(DataInput in) throws IOException {
        String detector = in.readUTF();
        int version = in.readInt();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new DetectorState(detector, version, b);
    }

    static void ruleState(DataOutput out, SeriesRuleState state) throws IOException {
        series(out, state.series());
        point(out, state.latest());
        out.writeInt(state.history().size());
        for (SeriesRuleState.Point p : state.history()) {
            point(out, p);
        }
        out.writeInt(state.alerts().size());
        for (SeriesRuleState.RuleAlert a : state.alerts()) {
            out.writeUTF(a.group());
            out.writeUTF(a.rule());
            alert(out, a.alert());
        }
    }

    static SeriesRuleState ruleState(DataInput in) throws IOException {
        SeriesId series = series(in);
        SeriesRuleState.Point latest = point(in);
        int n = in.readInt();
        List<SeriesRuleState.Point> history = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            history.add(point(in));
        }
        int m = in.readInt();
        List<SeriesRuleState.RuleAlert> alerts = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            String group = in.readUTF();
            String rule = in.readUTF();
            alerts.add(new SeriesRuleState.RuleAlert(group, rule, alert(in)));
        }
        return new SeriesRuleState(series, latest, history, alerts);
    }

    private static void point(DataOutput out, SeriesRuleState.Point p) throws IOException {
        out.writeLong(p.timestampMillis());
        out.writeDouble(p.value());
        out.writeDouble(p.score());
    }

    private static SeriesRuleState.Point point(DataInput in) throws IOException {
        return new SeriesRuleState.Point(in.readLong(), in.readDouble(), in.readDouble());
    }

    private static void instant(DataOutput out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInput in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
