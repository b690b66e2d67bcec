package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detector states saved to the data directory survive crashes whole, and a restored agent scores as if it never stopped. */
class DetectorCheckpointsTest {
    private static final SeriesId CPU = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app", "cpu", "0"));
    private static final SeriesId MEM = SeriesId.of("node_memory_usage_percent", Labels.of("host", "monitor"));

    @TempDir
    Path dir;

    private static DetectionPipeline pipeline() {
        DetectorFactory factory = ProviderRegistry.builder()
                .discover(DetectorCheckpointsTest.class.getClassLoader())
                .build()
                .provider(DetectorProvider.class, "default")
                .create(ProviderContext.builder().build());
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
        Files.write(dir.resolve(DetectorCheckpoints.FILE + ".tmp"), Arrays.copyOf(next, next.length / 2));

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
        assertThatThrownBy(store::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");

        Files.write(dir.resolve(DetectorCheckpoints.FILE), new byte[] {1, 2, 3});
        assertThatThrownBy(store::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("truncated");

        DetectionPipeline fresh = pipeline();
        CheckpointSchedule schedule = new CheckpointSchedule(store, fresh, Duration.ofMinutes(1));
        assertThat(schedule.restore()).isZero();
        assertThat(fresh.seriesCount()).isZero();
    }

    @Test
    void aRestoreHandsEachSeriesOverAsItIsReadAndUndoesThemWhenTheDigestShowsDamage() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 300);
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(p.checkpoint());
        List<SeriesId> handed = new ArrayList<>();
        assertThat(store.loadEach((id, cp) -> handed.add(id))).isEqualTo(2);
        assertThat(handed).containsExactlyInAnyOrder(CPU, MEM);
        DetectionPipeline restored = pipeline();
        assertThat(new CheckpointSchedule(store, restored, Duration.ofMinutes(1)).restore())
                .isEqualTo(2);
        assertThat(feed(restored, 300, 400)).isEqualTo(feed(p, 300, 400));

        // every series reads as sound; only the digest at the end says the file is not what was written
        byte[] bytes = Files.readAllBytes(dir.resolve(DetectorCheckpoints.FILE));
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(dir.resolve(DetectorCheckpoints.FILE), bytes);
        List<SeriesId> beforeDamage = new ArrayList<>();
        assertThatThrownBy(() -> store.loadEach((id, cp) -> beforeDamage.add(id)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
        assertThat(beforeDamage).hasSize(2);
        DetectionPipeline fresh = pipeline();
        assertThat(new CheckpointSchedule(store, fresh, Duration.ofMinutes(1)).restore())
                .isZero();
        assertThat(fresh.seriesCount())
                .as("what was restored before the damage showed is undone")
                .isZero();
    }

    @Test
    void aStateTheDetectorRefusesUndoesTheSeriesRestoredBeforeIt() {
        DetectionPipeline p = pipeline();
        feed(p, 0, 300);
        Map<SeriesId, DetectionPipeline.Checkpoint> states = new LinkedHashMap<>(p.checkpoint());
        DetectionPipeline.Checkpoint good = states.get(CPU);
        states.clear();
        states.put(CPU, good);
        DetectorState refused =
                new DetectorState(good.state().detector(), good.state().version(), new byte[] {7});
        states.put(MEM, new DetectionPipeline.Checkpoint(refused, 0));
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(states);

        DetectionPipeline fresh = pipeline();
        assertThat(new CheckpointSchedule(store, fresh, Duration.ofMinutes(1)).restore())
                .isZero();
        assertThat(fresh.seriesCount()).isZero();
    }

    @Test
    void statesOfAnotherDetectorAreSetAsideAndNoFileMeansNothingToRestore() {
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        assertThat(store.load()).isEmpty();
        DetectorFactory ewma = ProviderRegistry.builder()
                .discover(getClass().getClassLoader())
                .build()
                .provider(DetectorProvider.class, "ewma")
                .create(ProviderContext.builder().build());
        DetectionPipeline other = DetectionPipeline.builder(ewma).build();
        feed(other, 0, 50);
        store.save(other.checkpoint());

        DetectionPipeline ours = pipeline();
        assertThat(new CheckpointSchedule(store, ours, Duration.ofMinutes(1)).restore())
                .isZero();
        assertThat(ours.seriesCount()).isZero();
    }

    /** Issue #15: a restarted agent with 1,000,000 series spent 22-60 s of its first round rewriting what it had just read. */
    @Test
    void aScheduleThatRestoredDoesNotWriteTheSameStatesBackAtTheFirstRound() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 10);
        DetectorCheckpoints store = new DetectorCheckpoints(dir);
        store.save(p.checkpoint());
        CheckpointSchedule schedule = new CheckpointSchedule(store, pipeline(), Duration.ofSeconds(60));
        assertThat(schedule.restore()).isEqualTo(2);
        Files.delete(dir.resolve(DetectorCheckpoints.FILE));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        schedule.maybeSave(t0);
        assertThat(dir.resolve(DetectorCheckpoints.FILE))
                .as("the states on disk are the ones just restored")
                .doesNotExist();
        schedule.maybeSave(t0.plusSeconds(59));
        assertThat(dir.resolve(DetectorCheckpoints.FILE)).doesNotExist();
        schedule.maybeSave(t0.plusSeconds(60));
        assertThat(dir.resolve(DetectorCheckpoints.FILE))
                .as("one interval after the first round")
                .exists();
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
        long first =
                Files.getLastModifiedTime(sub.resolve(DetectorCheckpoints.FILE)).toMillis();
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

    /**
     * A version-1 checkpoint (entry count up front, written before checkpoints were streamed) is
     * still read, so an upgraded agent keeps what the old one learned. Written here by the v1
     * layout as documented, not by the code under test.
     */
    @Test
    void aVersionOneCheckpointStillRestores() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 400);
        Map<SeriesId, DetectionPipeline.Checkpoint> states = p.checkpoint();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("SCOCKPT1".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(states.size());
            for (Map.Entry<SeriesId, DetectionPipeline.Checkpoint> e : states.entrySet()) {
                out.writeUTF(e.getKey().name());
                Map<String, String> labels = new TreeMap<>(e.getKey().labels().asMap());
                out.writeInt(labels.size());
                for (Map.Entry<String, String> l : labels.entrySet()) {
                    out.writeUTF(l.getKey());
                    out.writeUTF(l.getValue());
                }
                out.writeUTF(e.getValue().state().detector());
                out.writeInt(e.getValue().state().version());
                out.writeLong(e.getValue().lastTimestampMillis());
                out.writeInt(e.getValue().state().bytes().length);
                out.write(e.getValue().state().bytes());
            }
        }
        byte[] body = bytes.toByteArray();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        Files.write(dir.resolve(DetectorCheckpoints.FILE), body);
        Files.write(dir.resolve(DetectorCheckpoints.FILE), digest, StandardOpenOption.APPEND);

        DetectionPipeline restarted = pipeline();
        restarted.restore(new DetectorCheckpoints(dir).load());
        assertThat(restarted.seriesCount()).isEqualTo(2);
        assertThat(feed(restarted, 400, 600)).isEqualTo(feed(p, 400, 600));
    }

    /** Streamed: the store receives the series one by one and the checkpoint ends only when all are written. */
    @Test
    void aCheckpointIsStreamedSeriesBySeriesAndATruncatedOneIsRefused() throws Exception {
        DetectionPipeline p = pipeline();
        feed(p, 0, 200);
        List<Integer> writes = new ArrayList<>();
        FileCheckpointStore file = new FileCheckpointStore(dir.resolve("counted.ckpt"));
        io.smartcloudops.api.checkpoint.CheckpointStore counting =
                new io.smartcloudops.api.checkpoint.CheckpointStore() {
                    @Override
                    public void save(Content content) {
                        file.save(out -> content.writeTo(new FilterOutputStream(out) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                writes.add(len);
                                out.write(b, off, len);
                            }

                            @Override
                            public void write(int b) throws IOException {
                                writes.add(1);
                                out.write(b);
                            }
                        }));
                    }

                    @Override
                    public Optional<InputStream> openLatest() {
                        return file.openLatest();
                    }

                    @Override
                    public String location() {
                        return file.location();
                    }
                };
        new DetectorCheckpoints(counting).save(p::checkpointEach);
        byte[] whole = Files.readAllBytes(dir.resolve("counted.ckpt"));
        assertThat(writes)
                .as("the encoder writes pieces, not one blob")
                .hasSizeGreaterThan(4)
                .allSatisfy(n -> assertThat(n).isLessThan(whole.length / 2));
        assertThat(new DetectorCheckpoints(counting).load()).hasSize(2);

        for (int cut : new int[] {whole.length - 1, whole.length - 33, whole.length / 2, 9}) {
            Files.write(dir.resolve("counted.ckpt"), Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> new DetectorCheckpoints(counting).load())
                    .as("cut at " + cut)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageMatching("(?s).*(truncated|damaged).*");
        }
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        Files.write(dir.resolve("counted.ckpt"), trailing);
        assertThatThrownBy(() -> new DetectorCheckpoints(counting).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }
}
