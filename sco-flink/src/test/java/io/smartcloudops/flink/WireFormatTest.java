package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static final SeriesId ID = SeriesId.of("cpu", Labels.of("host", "a", "zone", "eu"));
    private static final Instant T = Instant.parse("2026-12-04T06:00:00.123456789Z");
    private static final Alert FIRING = new Alert(
                    "High",
                    Labels.of("alertname", "High", "host", "a"),
                    Map.of("summary", "s", "b", "c"),
                    AlertState.PENDING,
                    Severity.CRITICAL,
                    T,
                    null,
                    null,
                    91.5,
                    "rules")
            .withState(AlertState.FIRING, T.plusSeconds(60));

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        // the snapshot Flink writes into a savepoint restores a serializer that reads the same bytes
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer snap = new DataOutputSerializer(16);
        snapshot.writeSnapshot(snap);
        // Flink restores a snapshot the same way: by its class's no-argument constructor, so the type argument is lost.
        @SuppressWarnings("unchecked")
        TypeSerializerSnapshot<T> restored = (TypeSerializerSnapshot<T>)
                snapshot.getClass().getDeclaredConstructor().newInstance();
        restored.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(snap.getCopyOfBuffer()),
                WireFormatTest.class.getClassLoader());
        assertThat(restored.resolveSchemaCompatibility(snapshot).isCompatibleAsIs())
                .isTrue();
        assertThat(restored.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(value);
        return back;
    }

    @Test
    void everyStreamedValueSurvivesItsSerializer() throws Exception {
        Sample s = new Sample(ID, T.toEpochMilli(), Double.NaN);
        assertThat(roundTrip(new WireSerializer.OfSample(), s)).isEqualTo(s);
        assertThat(roundTrip(new WireSerializer.OfSeriesId(), SeriesId.of("up")))
                .isEqualTo(SeriesId.of("up"));
        Score score = new Score(0.97, 20, 10, 30, "level", "far above");
        AnomalyEvent a = new AnomalyEvent("an-1", ID, 5, 99, score, "ewma");
        assertThat(roundTrip(new WireSerializer.OfAnomalyEvent(), a)).isEqualTo(a);
        ScoredSample with = new ScoredSample(s, SampleVerdict.SCORED, score, Optional.of(a));
        ScoredSample without = new ScoredSample(s, SampleVerdict.DROPPED_NOT_FINITE, Score.none("x"), Optional.empty());
        assertThat(roundTrip(new WireSerializer.OfScoredSample(), with)).isEqualTo(with);
        assertThat(roundTrip(new WireSerializer.OfScoredSample(), without)).isEqualTo(without);
        Alert resolved = FIRING.withState(AlertState.RESOLVED, T.plusSeconds(600));
        assertThat(roundTrip(new WireSerializer.OfAlert(), FIRING)).isEqualTo(FIRING);
        assertThat(roundTrip(new WireSerializer.OfAlert(), resolved)).isEqualTo(resolved);
    }
}
