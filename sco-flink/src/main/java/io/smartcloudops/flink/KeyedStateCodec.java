package io.smartcloudops.flink;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.remediate.rules.SeriesRuleState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes one series keeps in Flink's keyed state: its detector's snapshot and the rule engine's
 * view of it. Each value starts with a format version, so a job restored from an older savepoint
 * reads what that savepoint wrote (and a newer one is refused with the reason, not misread).
 */
final class KeyedStateCodec {
    static final int DETECTOR_FORMAT = 1;
    static final int RULES_FORMAT = 1;

    private KeyedStateCodec() {
    }

    /** A detector snapshot with the series' last scored timestamp and how many samples it has scored. */
    record DetectorSlot(DetectionPipeline.Checkpoint checkpoint, long updates) {
    }

    static byte[] encode(DetectorSlot slot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(DETECTOR_FORMAT);
            out.writeLong(slot.checkpoint().lastTimestampMillis());
            out.writeLong(slot.updates());
            DetectorState s = slot.checkpoint().state();
            out.writeUTF(s.detector());
            out.writeInt(s.version());
            byte[] b = s.bytes();
            out.writeInt(b.length);
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DetectorSlot decodeDetector(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            format(in.readByte(), DETECTOR_FORMAT, "detector");
            long last = in.readLong();
            long updates = in.readLong();
            String detector = in.readUTF();
            int version = in.readInt();
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return new DetectorSlot(new DetectionPipeline.Checkpoint(new DetectorState(detector, version, b), last), updates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored slot when the live detector is missing or behind it, or null when the cached one is current. */
    static DetectorSlot decodeHeaderIfCached(byte[] stored, Long cachedUpdates) {
        if (cachedUpdates != null && header(stored)[1] == cachedUpdates) {
            return null;
        }
        return decodeDetector(stored);
    }

    /** The header alone: the last scored timestamp and the update count, without copying the snapshot. */
    static long[] header(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            format(in.readByte(), DETECTOR_FORMAT, "detector");
            return new long[] {in.readLong(), in.readLong()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(SeriesRuleState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(RULES_FORMAT);
            Wire.series(out, state.series());
            point(out, state.latest());
            out.writeInt(state.history().size());
            for (SeriesRuleState.Point p : state.history()) {
                point(out, p);
            }
            out.writeInt(state.alerts().size());
            for (SeriesRuleState.RuleAlert a : state.alerts()) {
                out.writeUTF(a.group());
                out.writeUTF(a.rule());
                Wire.alert(out, a.alert());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SeriesRuleState decodeRules(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            format(in.readByte(), RULES_FORMAT, "rule");
            var series = Wire.series(in);
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
                Alert alert = Wire.alert(in);
                alerts.add(new SeriesRuleState.RuleAlert(group, rule, alert));
            }
            return new SeriesRuleState(series, latest, history, alerts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void point(DataOutputStream out, SeriesRuleState.Point p) throws IOException {
        out.writeLong(p.timestampMillis());
        out.writeDouble(p.value());
        out.writeDouble(p.score());
    }

    private static SeriesRuleState.Point point(DataInputStream in) throws IOException {
        return new SeriesRuleState.Point(in.readLong(), in.readDouble(), in.readDouble());
    }

    private static void format(byte found, int known, String what) {
        if (found < 1 || found > known) {
            throw new IllegalStateException("keyed " + what + " state has format " + found + "; this sco-flink reads formats 1 to "
                    + known + ": restore the savepoint with the sco-flink version that wrote it, or a newer one");
        }
    }
}
