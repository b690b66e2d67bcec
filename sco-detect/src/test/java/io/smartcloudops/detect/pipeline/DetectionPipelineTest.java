package io.smartcloudops.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.baseline.EwmaDetectorProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DetectionPipelineTest {
    private static final SeriesId CPU = SeriesId.of("cpu");

    private DetectionPipeline pipeline() {
        return DetectionPipeline.builder(new EwmaDetectorProvider()
                        .create(ProviderContext.builder().build()))
                .build();
    }

    private static List<Sample> wobble(SeriesId id, int n, long start) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sample(id, start + i * 1000L, 20 + (i % 5)));
        }
        return out;
    }

    @Test
    void spikeAfterNormalTrafficBecomesAnAnomalyEvent() {
        DetectionPipeline p = pipeline();
        assertThat(p.ingest(wobble(CPU, 200, 0)))
                .allSatisfy(s -> assertThat(s.anomaly()).isEmpty());
        ScoredSample spike = p.ingest(new Sample(CPU, 300_000, 95));
        assertThat(spike.anomaly()).hasValueSatisfying(e -> {
            assertThat(e.series()).isEqualTo(CPU);
            assertThat(e.detector()).isEqualTo("ewma");
            assertThat(e.id()).isEqualTo("an-1");
        });
    }

    @Test
    void dropsNaNInfiniteDuplicateAndOutOfOrderSamplesWithoutDisturbingTheSeries() {
        DetectionPipeline p = pipeline();
        p.ingest(wobble(CPU, 100, 0));
        assertThat(p.ingest(new Sample(CPU, 200_000, Double.NaN)).verdict())
                .isEqualTo(SampleVerdict.DROPPED_NOT_FINITE);
        assertThat(p.ingest(new Sample(CPU, 200_000, Double.POSITIVE_INFINITY)).verdict())
                .isEqualTo(SampleVerdict.DROPPED_NOT_FINITE);
        assertThat(p.ingest(new Sample(CPU, 99_000, 21)).verdict()).isEqualTo(SampleVerdict.DROPPED_DUPLICATE);
        assertThat(p.ingest(new Sample(CPU, 5_000, 1_000)).verdict()).isEqualTo(SampleVerdict.DROPPED_OUT_OF_ORDER);
        ScoredSample next = p.ingest(new Sample(CPU, 100_000, 22));
        assertThat(next.verdict()).isEqualTo(SampleVerdict.SCORED);
        assertThat(next.score().value()).isLessThan(0.5);
        assertThat(p.count(SampleVerdict.DROPPED_NOT_FINITE)).isEqualTo(2);
        assertThat(p.count(SampleVerdict.SCORED)).isEqualTo(101);
    }

    @Test
    void aSampleFromTheFutureIsDroppedSoTheSeriesKeepsScoringHonestSamples() {
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(1_000_000));
        DetectionPipeline p = DetectionPipeline.builder(new EwmaDetectorProvider()
                        .create(ProviderContext.builder().build()))
                .rejectFuture(clock, Duration.ofMinutes(10))
                .build();
        p.ingest(wobble(CPU, 100, 0));
        assertThat(p.ingest(new Sample(CPU, 1_000_000 + 3_600_000, 21)).verdict())
                .as("an hour ahead")
                .isEqualTo(SampleVerdict.DROPPED_FUTURE);
        assertThat(p.ingest(new Sample(CPU, 1_000_000 + 60_000, 22)).verdict())
                .as("a minute ahead is skew, not a jump")
                .isEqualTo(SampleVerdict.SCORED);
        assertThat(p.count(SampleVerdict.DROPPED_FUTURE)).isEqualTo(1);
        assertThatThrownBy(() -> DetectionPipeline.builder(new EwmaDetectorProvider()
                                .create(ProviderContext.builder().build()))
                        .rejectFuture(clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAClockRecordedDataOfAnyDateIsScored() {
        DetectionPipeline p = pipeline();
        assertThat(p.ingest(new Sample(
                                CPU, Instant.parse("2099-01-01T00:00:00Z").toEpochMilli(), 1))
                        .verdict())
                .isEqualTo(SampleVerdict.SCORED);
    }

    @Test
    void gapInTimeDoesNotByItselfRaiseAnAnomaly() {
        DetectionPipeline p = pipeline();
        p.ingest(wobble(CPU, 200, 0));
        assertThat(p.ingest(new Sample(CPU, 86_400_000L, 22)).anomaly()).isEmpty();
    }

    @Test
    void newSeriesBeyondTheLimitAreDroppedAndCounted() {
        DetectionPipeline p = DetectionPipeline.builder(new EwmaDetectorProvider()
                        .create(ProviderContext.builder().build()))
                .maxSeries(2)
                .build();
        p.ingest(new Sample(SeriesId.of("a"), 1, 1));
        p.ingest(new Sample(SeriesId.of("b"), 1, 1));
        assertThat(p.ingest(new Sample(SeriesId.of("c"), 1, 1)).verdict())
                .isEqualTo(SampleVerdict.DROPPED_SERIES_LIMIT);
        assertThat(p.seriesCount()).isEqualTo(2);
    }

    @Test
    void checkpointRestoreContinuesWithTheSameScores() {
        DetectionPipeline a = pipeline();
        List<Sample> data = wobble(CPU, 300, 0);
        a.ingest(data.subList(0, 150));
        DetectionPipeline b = pipeline();
        b.restore(a.checkpoint());
        List<Double> fromA = a.ingest(data.subList(150, 300)).stream()
                .map(s -> s.score().value())
                .toList();
        List<Double> fromB = b.ingest(data.subList(150, 300)).stream()
                .map(s -> s.score().value())
                .toList();
        assertThat(fromB).isEqualTo(fromA);
        assertThat(b.ingest(new Sample(CPU, 1_000, 20)).verdict()).isEqualTo(SampleVerdict.DROPPED_OUT_OF_ORDER);
    }

    @Test
    void concurrentIngestOfManySeriesScoresEverySampleOnce() throws Exception {
        DetectionPipeline p = pipeline();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    for (int s = 0; s < 250; s++) {
                        SeriesId id = SeriesId.of(
                                "load", Labels.of("worker", String.valueOf(worker), "n", String.valueOf(s)));
                        p.ingest(wobble(id, 40, 0));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(p.seriesCount()).isEqualTo(1_000);
        assertThat(p.count(SampleVerdict.SCORED)).isEqualTo(40_000);
    }

    /** A clock the test moves. */
    private static final class TestClock implements InstantSource {
        long millis = 1_000_000;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static DetectionPipeline evicting(TestClock clock, int max, List<SeriesId> forgotten) {
        return DetectionPipeline.builder(new EwmaDetectorProvider()
                        .create(ProviderContext.builder().build()))
                .maxSeries(max)
                .evictIdle(clock, Duration.ofMinutes(5))
                .onEvicted(forgotten::add)
                .build();
    }

    @Test
    void atTheLimitAnIdleSeriesMakesRoomForANewOne() {
        TestClock clock = new TestClock();
        List<SeriesId> forgotten = new ArrayList<>();
        DetectionPipeline p = evicting(clock, 2, forgotten);
        SeriesId gone = SeriesId.of("cpu", Labels.of("container", "gone"));
        SeriesId live = SeriesId.of("cpu", Labels.of("container", "live"));
        SeriesId fresh = SeriesId.of("cpu", Labels.of("container", "new"));
        p.ingest(new Sample(gone, 0, 1));
        p.ingest(new Sample(live, 0, 1));
        clock.millis += 6 * 60_000; // "gone" stops; "live" goes on
        p.ingest(new Sample(live, 360_000, 1));

        assertThat(p.ingest(new Sample(fresh, 360_000, 1)).verdict()).isEqualTo(SampleVerdict.SCORED);
        assertThat(p.series()).containsExactlyInAnyOrder(live, fresh);
        assertThat(forgotten).containsExactly(gone);
        assertThat(p.evictedCount()).isEqualTo(1);
        assertThat(p.count(SampleVerdict.DROPPED_SERIES_LIMIT)).isZero();
    }

    @Test
    void whenNoSeriesIsIdleTheNewOneIsDroppedAndTheLearnedOnesStay() {
        TestClock clock = new TestClock();
        DetectionPipeline p = evicting(clock, 2, new ArrayList<>());
        p.ingest(new Sample(SeriesId.of("a"), 0, 1));
        p.ingest(new Sample(SeriesId.of("b"), 0, 1));
        clock.millis += 60_000;
        assertThat(p.ingest(new Sample(SeriesId.of("c"), 60_000, 1)).verdict())
                .isEqualTo(SampleVerdict.DROPPED_SERIES_LIMIT);
        assertThat(p.series()).containsExactlyInAnyOrder(SeriesId.of("a"), SeriesId.of("b"));

        // without eviction nothing is ever forgotten, however long a series is quiet
        DetectionPipeline keeping = DetectionPipeline.builder(new EwmaDetectorProvider()
                        .create(ProviderContext.builder().build()))
                .maxSeries(1)
                .build();
        keeping.ingest(new Sample(SeriesId.of("a"), 0, 1));
        assertThat(keeping.evictIdle()).isZero();
        assertThat(keeping.ingest(new Sample(SeriesId.of("b"), 0, 1)).verdict())
                .isEqualTo(SampleVerdict.DROPPED_SERIES_LIMIT);
    }

    @Test
    void aForgottenSeriesThatComesBackStartsAfreshAndIsNotInTheCheckpoint() {
        TestClock clock = new TestClock();
        DetectionPipeline p = evicting(clock, 10, new ArrayList<>());
        p.ingest(wobble(CPU, 100, 0));
        SeriesId other = SeriesId.of("mem");
        clock.millis += 10 * 60_000;
        p.ingest(new Sample(other, 1_000_000, 5));
        assertThat(p.evictIdle()).isEqualTo(1);
        assertThat(p.checkpoint()).containsOnlyKeys(other);

        // an old timestamp is no longer "out of order": the series' history went with its state
        assertThat(p.ingest(new Sample(CPU, 50_000, 21)).verdict()).isEqualTo(SampleVerdict.SCORED);
        assertThat(p.seriesCount()).isEqualTo(2);
    }

    @Test
    void evictionRacingIngestNeverLosesASampleIntoAForgottenState() throws Exception {
        TestClock clock = new TestClock();
        DetectionPipeline p = evicting(clock, 100, new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> feeder = pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    p.ingest(new Sample(SeriesId.of("s" + (i % 50)), i, i % 7));
                }
            });
            Future<?> sweeper = pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    clock.millis += 1_000_000; // everything is idle at every sweep
                    p.evictIdle();
                }
            });
            feeder.get();
            sweeper.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(p.count(SampleVerdict.SCORED)).isEqualTo(20_000);
        assertThat(p.seriesCount()).isLessThanOrEqualTo(50);
    }

    @Test
    void oneSeriesCheckpointAndForgetLetAnotherHostKeepTheStateAndGetTheSameScores() {
        SeriesId other = SeriesId.of("mem");
        DetectionPipeline straight = pipeline();
        DetectionPipeline moved = pipeline();
        straight.ingest(wobble(CPU, 120, 0));
        moved.ingest(wobble(CPU, 120, 0));
        moved.ingest(wobble(other, 10, 0));
        assertThat(moved.checkpoint(SeriesId.of("absent"))).isEmpty();
        DetectionPipeline.Checkpoint saved = moved.checkpoint(CPU).orElseThrow();
        assertThat(saved.lastTimestampMillis()).isEqualTo(119_000);
        moved.forget(CPU);
        assertThat(moved.series()).containsExactly(other);
        moved.restore(Map.of(CPU, saved));
        Sample next = new Sample(CPU, 120_000, 60);
        assertThat(moved.ingest(next).score()).isEqualTo(straight.ingest(next).score());
        assertThat(moved.ingest(new Sample(CPU, 120_000, 1)).verdict()).isEqualTo(SampleVerdict.DROPPED_DUPLICATE);
    }

    @Test
    void aDetectorKeptByTheCallerGetsTheTablesVerdictsAndScoresWhileThePipelineHoldsNoSeries() {
        DetectionPipeline table = pipeline();
        DetectionPipeline scorer = pipeline();
        Detector kept = new EwmaDetectorProvider()
                .create(ProviderContext.builder().build())
                .create(CPU, DetectorSettings.defaults());
        List<Sample> samples = new ArrayList<>(wobble(CPU, 100, 0));
        samples.add(new Sample(CPU, 200_000, Double.NaN));
        samples.add(new Sample(CPU, 99_000, 21));
        samples.add(new Sample(CPU, 5_000, 1_000));
        samples.add(new Sample(CPU, 300_000, 95));
        long last = Long.MIN_VALUE;
        for (Sample s : samples) {
            ScoredSample expected = table.ingest(s);
            ScoredSample got = scorer.ingest(s, kept, last);
            assertThat(got.verdict()).isEqualTo(expected.verdict());
            assertThat(got.score()).isEqualTo(expected.score());
            assertThat(got.anomaly().isPresent()).isEqualTo(expected.anomaly().isPresent());
            if (got.verdict() == SampleVerdict.SCORED) {
                last = s.timestampMillis();
            }
        }
        assertThat(scorer.seriesCount()).isZero();
        assertThat(scorer.count(SampleVerdict.SCORED)).isEqualTo(101);
        assertThat(scorer.count(SampleVerdict.DROPPED_OUT_OF_ORDER)).isEqualTo(1);
    }

    @Test
    void everySampleOfASeriesComesBackWithThePipelinesOneIdAndNamesAreSharedAcrossSeries() {
        DetectionPipeline p = pipeline();
        SeriesId first = SeriesId.of(new String("node_load1"), Labels.of(new String("host"), "a"));
        SeriesId again = SeriesId.of(new String("node_load1"), Labels.of(new String("host"), "a"));
        SeriesId other = SeriesId.of(new String("node_load1"), Labels.of(new String("host"), "b"));
        SeriesId held = p.ingest(new Sample(first, 1_000, 1)).sample().series();
        ScoredSample later = p.ingest(new Sample(again, 2_000, 2));
        SeriesId otherHeld = p.ingest(new Sample(other, 1_000, 1)).sample().series();

        assertThat(held).isEqualTo(first);
        assertThat(later.sample().series()).isSameAs(held);
        assertThat(later.sample().timestampMillis()).isEqualTo(2_000);
        assertThat(later.sample().value()).isEqualTo(2.0);
        assertThat(p.series()).anySatisfy(id -> assertThat(id).isSameAs(held));
        assertThat(otherHeld.name()).isSameAs(held.name());
        assertThat(otherHeld.labels().asMap().keySet().iterator().next())
                .isSameAs(held.labels().asMap().keySet().iterator().next());
        assertThat(otherHeld.labels().get("host")).isEqualTo("b");
    }

    @Test
    void aRestoredSeriesIsHandedBackWithTheIdTheRestoreGaveItsSlot() {
        DetectionPipeline a = pipeline();
        a.ingest(wobble(CPU, 50, 0));
        DetectionPipeline b = pipeline();
        b.restore(a.checkpoint());
        SeriesId held = b.series().get(0);
        SeriesId polled = SeriesId.of(new String("cpu"));
        ScoredSample next = b.ingest(new Sample(polled, 60_000, 21));
        assertThat(next.verdict()).isEqualTo(SampleVerdict.SCORED);
        assertThat(next.sample().series()).isSameAs(held);
        b.restore(a.checkpoint());
        assertThat(b.series()).singleElement().isSameAs(held);
        assertThat(b.ingest(new Sample(polled, 120_000, 21)).sample().series()).isSameAs(held);
    }
}
