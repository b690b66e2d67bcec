package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.remediate.rules.SeriesRuleState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesStateSerializerTest {
    private static final SeriesId ID = SeriesId.of("cpu", Labels.of("host", "a"));
    private static final Instant T = Instant.parse("2026-12-04T06:00:00Z");
    private static final SeriesRuleState RULES = new SeriesRuleState(
            ID,
            new SeriesRuleState.Point(9, 1.5, 0.2),
            List.of(new SeriesRuleState.Point(8, 1, 0), new SeriesRuleState.Point(9, 1.5, 0.2)),
            List.of(new SeriesRuleState.RuleAlert(
                    "g",
                    "High",
                    new Alert(
                            "High",
                            Labels.of("alertname", "High"),
                            Map.of("summary", "s"),
                            AlertState.PENDING,
                            Severity.WARNING,
                            T,
                            null,
                            null,
                            3,
                            "rules"))));
    private final SeriesStateSerializer serializer = new SeriesStateSerializer();

    private static DetectorFactory factory(String detector) {
        return ProviderRegistry.builder()
                .discover(SeriesStateSerializerTest.class.getClassLoader())
                .build()
                .provider(DetectorProvider.class, detector)
                .create(ProviderContext.builder().build());
    }

    private static List<Sample> wave(int from, int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(new Sample(ID, i * 60_000L, 50 + 10 * Math.sin(i / 7.0) + (i % 3)));
        }
        return out;
    }

    private static List<Score> scores(Detector d, List<Sample> samples) {
        return samples.stream().map(d::update).toList();
    }

    private SeriesState roundTrip(SeriesState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SeriesState back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ewma", "default"})
    void aSerializedStateGoesOnWithTheScoresOfTheLiveOne(String detector) throws Exception {
        DetectorFactory f = factory(detector);
        Detector live = f.create(ID, DetectorSettings.defaults());
        scores(live, wave(0, 300));
        SeriesState state = SeriesState.started(live, 299 * 60_000L);
        state.rules(RULES);

        SeriesState back = roundTrip(state);
        assertThat(back.lastTimestampMillis()).isEqualTo(299 * 60_000L);
        assertThat(back.rules()).isEqualTo(RULES);
        List<Sample> next = wave(300, 50);
        assertThat(scores(back.detector(f), next)).isEqualTo(scores(live, next));
    }

    @Test
    void aCopyIsIndependentOfTheOriginalThatTheTaskGoesOnChanging() throws Exception {
        DetectorFactory f = factory("ewma");
        Detector live = f.create(ID, DetectorSettings.defaults());
        scores(live, wave(0, 200));
        SeriesState original = SeriesState.started(live, 199 * 60_000L);
        // what the heap backend does while a snapshot holds the original: the task gets the copy
        SeriesState copy = serializer.copy(original);
        Detector reference = f.restore(live.snapshot());
        List<Sample> next = wave(200, 50);
        List<Score> fromCopy = scores(copy.detector(f), next);
        copy.scored(249 * 60_000L);
        assertThat(fromCopy).isEqualTo(scores(reference, next));
        // the original, which the snapshot thread serializes, still holds the state at the copy
        SeriesState snapshotted = roundTrip(original);
        assertThat(snapshotted.lastTimestampMillis()).isEqualTo(199 * 60_000L);
        assertThat(scores(snapshotted.detector(f), next)).isEqualTo(fromCopy);
    }

    @Test
    void aSnapshotThreadSerializingTheOriginalSeesTheStateAtTheCopyWhileTheTaskGoesOn() throws Exception {
        DetectorFactory f = factory("default");
        Detector live = f.create(ID, DetectorSettings.defaults());
        scores(live, wave(0, 300));
        SeriesState original = SeriesState.started(live, 299 * 60_000L);
        byte[] atCopy = bytes(original);
        ExecutorService snapshotThread = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            // as the heap backend's asynchronous phase: it writes the original while the task has the copy
            Future<Set<String>> written = snapshotThread.submit(() -> {
                Set<String> seen = new HashSet<>();
                started.countDown();
                for (int i = 0; i < 200; i++) {
                    seen.add(Arrays.toString(bytes(original)));
                }
                return seen;
            });
            started.await();
            SeriesState copy = serializer.copy(original);
            scores(copy.detector(f), wave(300, 200));
            assertThat(written.get()).containsExactly(Arrays.toString(atCopy));
        } finally {
            snapshotThread.shutdownNow();
        }
    }

    private byte[] bytes(SeriesState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16_384);
        serializer.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aSavedStateIsCopiedAndWrittenWithoutRebuildingItsDetector() throws Exception {
        DetectorFactory f = factory("ewma");
        Detector live = f.create(ID, DetectorSettings.defaults());
        scores(live, wave(0, 100));
        var saved = live.snapshot();
        SeriesState state = SeriesState.of(new DetectionPipeline.Checkpoint(saved, 99 * 60_000L));
        assertThat(serializer.copy(state).detectorState()).isSameAs(saved);
        assertThat(roundTrip(state).detectorState()).isEqualTo(saved);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void theSnapshotRestoresASerializerOfItsFormatAndRefusesNewerFormatsAndOtherTypes() throws Exception {
        TypeSerializerSnapshot<SeriesState> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<SeriesState> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.getCurrentVersion()).isEqualTo(SeriesStateSerializer.FORMAT);
        assertThat(new SeriesStateSerializer.Snapshot()
                        .resolveSchemaCompatibility(restored)
                        .isCompatibleAsIs())
                .isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);

        assertThatThrownBy(() -> new SeriesStateSerializer.Snapshot()
                        .readSnapshot(
                                SeriesStateSerializer.FORMAT + 1,
                                new DataInputDeserializer(new byte[0]),
                                getClass().getClassLoader()))
                .hasMessageContaining("format " + (SeriesStateSerializer.FORMAT + 1));
        // the byte[] state of sco-flink before SeriesState: Flink refuses the restore rather than misread it
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<SeriesState> bytes =
                (TypeSerializerSnapshot) BytePrimitiveArraySerializer.INSTANCE.snapshotConfiguration();
        assertThat(new SeriesStateSerializer.Snapshot()
                        .resolveSchemaCompatibility(bytes)
                        .isIncompatible())
                .isTrue();
    }
}
