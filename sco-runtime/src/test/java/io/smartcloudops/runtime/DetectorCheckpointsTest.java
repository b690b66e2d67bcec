package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detector states saved to the data directory survive crashes whole, and a restored agent scores as if it never stopped. */
class DetectorCheckpointsTest {
    private static final SeriesId CPU = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app", "cpu", "0"));
    private static final SeriesId MEM = SeriesId.of("node_memory_usage_percent", Labels.of("host", "monitor"));

    @TempDir
    Path dir;

    private static DetectionPipeline pipeline() {
        DetectorFactory factory = ProviderRegistry.builder().discover(DetectorCheckpointsTest.class.getClassLoader()).build()
                .provider(DetectorProvider.class, "default").create(ProviderContext.builder().build());
        return DetectionPipeline.builder(factory).build();
    }

    private static double value(int i) {
        return 40 + 10 * Math.sin(i / 7.0) + (i % 5) - (i == 700 ? -50 : 0);
    }

    private static List<Double> feed(DetectionPipeline p, int from, int to) {
        List<Double> scores = new ArrayList<>();
        for (int i = from; i < to; i++) {
            scores.add(p.ingest(new Sample(CPU, 1_000L * i, value(i))).score().value());
            p.ingest(new Sample(MEM, 1_000L * i, 60 + (i % 3)));
        }
        return scores;
    }

    @Test
    void aRestoredPipelineScoresExactlyAsTheUninterruptedOne() {
        DetectionPipeline uninterrupted = pipeline();
        feed(uninterrupted, 0, 500);
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(uninterrupted.checkpoint());

        DetectionPipeline restarted = pipeline();
        restarted.restore(store.load());
        assertThat(restarted.seriesCount()).isEqualTo(2);
        assertThat(feed(restarted, 500, 800)).isEqualTo(feed(uninterrupted, 500, 800));
    }

    @Test
    void aCrashMidWriteLeavesTheLastCompleteCheckpoint() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 300);
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(p.checkpoint());
        byte[] complete = Files.readAllBytes(dir.resolve(DetectorCheckpoints.FILE));
        // a crash while the next one is written leaves a partial temporary file beside it
        byte[] next = DetectorCheckpoints.encode(p.checkpoint());
        Files.write(dir.resolve(DetectorCheckpoints.FILE + ".tmp"), java.util.Arrays.copyOf(next, next.length / 2));

        assertThat(store.load()).hasSize(2);
        assertThat(Files.readAllBytes(dir.resolve(DetectorCheckpoints.FILE))).isEqualTo(complete);
        store.save(p.checkpoint()); // and the next save replaces the leftover
        assertThat(store.load()).hasSize(2);
    }

    @Test
    void aDamagedCheckpointIsRefusedWholeAndTheAgentStartsFresh() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 300);
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(p.checkpoint());
        byte[] bytes = Files.readAllBytes(dir.resolve(DetectorCheckpoints.FILE));
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(dir.resolve(DetectorCheckpoints.FILE), bytes);
        assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");

        Files.write(dir.resolve(DetectorCheckpoints.FILE), new byte[] {1, 2, 3});
        assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");

        DetectionPipeline fresh = pipeline();
        CheckpointSchedule schedule = new CheckpointSchedule(store, fresh, Duration.ofMinutes(1));
        assertThat(schedule.restore()).isZero();
        assertThat(fresh.seriesCount()).isZero();
    }

    @Test
    void statesOfAnotherDetectorAreSetAsideAndNoFileMeansNothingToRestore() {
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        assertThat(store.load()).isEmpty();
        DetectorFactory ewma = ProviderRegistry.builder().discover(getClass().getClassLoader()).build()
                .provider(DetectorProvider.class, "ewma").create(ProviderContext.builder().build());
        DetectionPipeline other = DetectionPipeline.builder(ewma).build();
        feed(other, 0, 50);
        store.save(other.checkpoint());

        DetectionPipeline ours = pipeline();
        assertThat(new CheckpointSchedule(store, ours, Duration.ofMinutes(1)).restore()).isZero();
        assertThat(ours.seriesCount()).isZero();
    }

    @Test
    void theScheduleSavesOncePerIntervalAndSaysWhenItCannot() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 10);
        Path sub = Files.createDirectory(dir.resolve("data"));
        DetectorCheckpoints store = new DetectorCheckpoints(sub);
        CheckpointSchedule schedule = new CheckpointSchedule(store, p, Duration.ofSeconds(60));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        schedule.maybeSave(t0);
        long first = Files.getLastModifiedTime(sub.resolve(DetectorCheckpoints.FILE)).toMillis();
        Files.delete(sub.resolve(DetectorCheckpoints.FILE));
        schedule.maybeSave(t0.plusSeconds(30));
        assertThat(sub.resolve(DetectorCheckpoints.FILE)).doesNotExist();
        schedule.maybeSave(t0.plusSeconds(61));
        assertThat(sub.resolve(DetectorCheckpoints.FILE)).exists();
        assertThat(first).isPositive();
        assertThat(schedule.health()).isEqualTo("ok");

        Files.delete(sub.resolve(DetectorCheckpoints.FILE));
        Files.delete(sub); // the data directory vanished: saving fails, the schedule says why
        schedule.save();
        assertThat(schedule.health()).contains("cannot write detector checkpoint");
    }
}
