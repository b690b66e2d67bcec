package io.smartcloudops.detect.pipeline;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one detector state per series over many series. Thread-safe: samples of different series
 * are scored in parallel, samples of one series one at a time in arrival order.
 *
 * <p>Memory is bounded by a series limit. With {@link Builder#evictIdle idle eviction} on, a series
 * that has had no sample for the idle time is forgotten when room is needed (and whenever
 * {@link #evictIdle()} is called), so churn (containers that come and go) does not fill the table
 * for good; without it, or when no series is idle, a new series beyond the limit is dropped and
 * counted ({@link SampleVerdict#DROPPED_SERIES_LIMIT}).
 *
 * <p>The pipeline keeps one {@link SeriesId} a series, sharing its names and common label values with the
 * other series, and hands that instance back in each {@link ScoredSample#sample()}: a host that
 * keeps more state a series keys it by that instance, so a series' id is held once, not once by
 * each table (and once more for a series restored from a checkpoint, whose id was read from it).
 *
 * <p>There is no queue inside: {@link #ingest} scores on the caller's thread and returns when done,
 * so a fast source is slowed to the pipeline's pace rather than growing a backlog (back-pressure by
 * construction).
 *
 * <pre>{@code
 * DetectionPipeline p =
 *         DetectionPipeline.builder(factory).anomalyThreshold(0.9).build();
 * for (ScoredSample s : p.ingest(batch.samples())) s.anomaly().ifPresent(alerts::offer);
 * }</pre>
 */
public final class DetectionPipeline {
    private final DetectorFactory factory;
    private final Function<SeriesId, DetectorSettings> settings;
    private final double threshold;
    private final int maxSeries;
    private final InstantSource clock;
    private final long maxFutureMillis;
    private final InstantSource idleClock;
    private final long idleMillis;
    private final Consumer<SeriesId> onEvicted;
    private final ConcurrentHashMap<SeriesId, SeriesSlot> slots = new ConcurrentHashMap<>();
    private final SeriesInterner interner = new SeriesInterner();
    private final AtomicLong anomalySequence = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private volatile long lastFullSweepMillis = Long.MIN_VALUE;
    private final Map<SampleVerdict, AtomicLong> counts = new ConcurrentHashMap<>();

    private DetectionPipeline(Builder b) {
        this.factory = b.factory;
        this.settings = b.settings;
        this.threshold = b.threshold;
        this.maxSeries = b.maxSeries;
        this.clock = b.clock;
        this.maxFutureMillis = b.maxFuture == null ? 0 : b.maxFuture.toMillis();
        this.idleClock = b.idleClock;
        this.idleMillis = b.idle == null ? Long.MAX_VALUE : b.idle.toMillis();
        this.onEvicted = b.onEvicted;
        for (SampleVerdict v : SampleVerdict.values()) {
            counts.put(v, new AtomicLong());
        }
    }

    public static Builder builder(DetectorFactory factory) {
        return new Builder(factory);
    }

    /** Scores one sample; never throws for bad values or timestamps (see {@link SampleVerdict}). */
    public ScoredSample ingest(Sample sample) {
        if (!Double.isFinite(sample.value())) {
            return dropped(sample, SampleVerdict.DROPPED_NOT_FINITE);
        }
        if (clock != null && sample.timestampMillis() > clock.millis() + maxFutureMillis) {
            return dropped(sample, SampleVerdict.DROPPED_FUTURE);
        }
        while (true) {
            SeriesSlot slot = slots.get(sample.series());
            if (slot == null) {
                if (slots.size() >= maxSeries && !makeRoom()) {
                    return dropped(sample, SampleVerdict.DROPPED_SERIES_LIMIT);
                }
                slot = slots.computeIfAbsent(interner.canonical(sample.series()), this::newSlot);
            }
            synchronized (slot) {
                if (slot.evicted) {
                    continue; // forgotten between lookup and lock: this sample starts the series afresh
                }
                return score(slot, sample);
            }
        }
    }

    /**
     * Scores one sample of a series whose detector the caller keeps between samples (Flink's keyed
     * state holds it, so the pipeline holds nothing for the series), with the verdicts and the
     * anomaly threshold of {@link #ingest(Sample)}. The caller owns the series' order: it passes the
     * series' last scored time ({@link Long#MIN_VALUE} before the first) and keeps the sample's time
     * as the new one when the verdict is {@link SampleVerdict#SCORED}.
     */
    public ScoredSample ingest(Sample sample, Detector detector, long lastTimestampMillis) {
        Objects.requireNonNull(detector, "detector");
        if (!Double.isFinite(sample.value())) {
            return dropped(sample, SampleVerdict.DROPPED_NOT_FINITE);
        }
        if (clock != null && sample.timestampMillis() > clock.millis() + maxFutureMillis) {
            return dropped(sample, SampleVerdict.DROPPED_FUTURE);
        }
        return score(detector, lastTimestampMillis, sample);
    }

    /** A slot keyed by the id it holds, so the table's key, the slot's id and every sample's are one instance. */
    private SeriesSlot newSlot(SeriesId canonical) {
        return new SeriesSlot(canonical, factory.create(canonical, settings.apply(canonical)));
    }

    private ScoredSample score(SeriesSlot slot, Sample sample) {
        Sample held =
                sample.series() == slot.id ? sample : new Sample(slot.id, sample.timestampMillis(), sample.value());
        ScoredSample scored = score(slot.detector, slot.lastTimestamp, held);
        if (scored.verdict() == SampleVerdict.SCORED) {
            slot.lastTimestamp = sample.timestampMillis();
            if (idleClock != null) {
                slot.lastSeenMillis = idleClock.millis();
            }
        }
        return scored;
    }

    private ScoredSample score(Detector detector, long lastTimestamp, Sample sample) {
        if (lastTimestamp != Long.MIN_VALUE) {
            if (sample.timestampMillis() == lastTimestamp) {
                return dropped(sample, SampleVerdict.DROPPED_DUPLICATE);
            }
            if (sample.timestampMillis() < lastTimestamp) {
                return dropped(sample, SampleVerdict.DROPPED_OUT_OF_ORDER);
            }
        }
        Score score = detector.update(sample);
        counts.get(SampleVerdict.SCORED).incrementAndGet();
        Optional<AnomalyEvent> anomaly = Optional.empty();
        if (score.value() >= threshold) {
            anomaly = Optional.of(new AnomalyEvent(
                    "an-" + anomalySequence.incrementAndGet(),
                    sample.series(),
                    sample.timestampMillis(),
                    sample.value(),
                    score,
                    factory.name()));
        }
        return new ScoredSample(sample, SampleVerdict.SCORED, score, anomaly);
    }

    /**
     * At the limit: forgets idle series, at most one full sweep per tenth of the idle time (a burst
     * of new series at a full table must not scan it once per sample).
     */
    private boolean makeRoom() {
        if (idleClock == null) {
            return false;
        }
        long now = idleClock.millis();
        long spacing = Math.max(1_000, idleMillis / 10);
        if (lastFullSweepMillis != Long.MIN_VALUE && now - lastFullSweepMillis < spacing) {
            return slots.size() < maxSeries;
        }
        lastFullSweepMillis = now;
        evictIdle();
        return slots.size() < maxSeries;
    }

    /**
     * Forgets every series without a sample for the idle time (see {@link Builder#evictIdle});
     * its next sample starts it afresh, as a new series. Call it now and then (the runtime does,
     * every round) so idle series free their memory before the limit is reached.
     *
     * @return how many series were forgotten
     */
    public int evictIdle() {
        if (idleClock == null) {
            return 0;
        }
        long cutoff = idleClock.millis() - idleMillis;
        int n = 0;
        for (Map.Entry<SeriesId, SeriesSlot> e : slots.entrySet()) {
            SeriesSlot slot = e.getValue();
            boolean gone = false;
            synchronized (slot) {
                if (slot.lastSeenMillis < cutoff && slots.remove(e.getKey(), slot)) {
                    slot.evicted = true;
                    gone = true;
                }
            }
            if (gone) {
                n++;
                onEvicted.accept(e.getKey());
            }
        }
        evictions.addAndGet(n);
        return n;
    }

    /** How many idle series were forgotten since the pipeline started. */
    public long evictedCount() {
        return evictions.get();
    }

    public List<ScoredSample> ingest(List<Sample> samples) {
        List<ScoredSample> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            out.add(ingest(s));
        }
        return out;
    }

    private ScoredSample dropped(Sample sample, SampleVerdict verdict) {
        counts.get(verdict).incrementAndGet();
        return new ScoredSample(sample, verdict, Score.none(verdict.name().toLowerCase(Locale.ROOT)), Optional.empty());
    }

    public int seriesCount() {
        return slots.size();
    }

    public List<SeriesId> series() {
        return List.copyOf(slots.keySet());
    }

    /** How many samples met each verdict since the pipeline started. */
    public long count(SampleVerdict verdict) {
        return counts.get(verdict).get();
    }

    public String detectorName() {
        return factory.name();
    }

    /** Every series' detector state and last timestamp, consistent per series. */
    public Map<SeriesId, Checkpoint> checkpoint() {
        Map<SeriesId, Checkpoint> out = new HashMap<>();
        checkpointEach(out::put);
        return out;
    }

    /**
     * Hands every series' state to {@code sink}, one series at a time, each consistent (taken under
     * that series' lock): a checkpoint of a million series is streamed, never held whole.
     */
    public void checkpointEach(BiConsumer<SeriesId, Checkpoint> sink) {
        for (Map.Entry<SeriesId, SeriesSlot> e : slots.entrySet()) {
            SeriesSlot slot = e.getValue();
            Checkpoint cp;
            synchronized (slot) {
                if (slot.evicted) {
                    continue;
                }
                cp = new Checkpoint(slot.detector.snapshot(), slot.lastTimestamp);
            }
            sink.accept(e.getKey(), cp);
        }
    }

    /**
     * One series' detector state and last timestamp, or empty when the pipeline holds no state for
     * it. A host that keeps each series' state elsewhere (Flink's keyed state) saves one series after
     * scoring it, without snapshotting the others.
     */
    public Optional<Checkpoint> checkpoint(SeriesId series) {
        SeriesSlot slot = slots.get(series);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.of(new Checkpoint(slot.detector.snapshot(), slot.lastTimestamp));
        }
    }

    /** Drops one series' state (it starts afresh, or from a {@link #restore}, on its next sample). */
    public void forget(SeriesId series) {
        SeriesSlot slot = slots.remove(series);
        if (slot != null) {
            synchronized (slot) {
                slot.evicted = true; // a sample that found it before the removal goes round again
            }
        }
    }

    /** Replaces the states of the given series with restored ones. */
    public void restore(Map<SeriesId, Checkpoint> checkpoints) {
        checkpoints.forEach((id, cp) -> {
            // a series already held keeps its id: put keeps the table's key, which must stay the slot's
            SeriesSlot held = slots.get(id);
            SeriesSlot slot =
                    new SeriesSlot(held != null ? held.id : interner.canonical(id), factory.restore(cp.state()));
            slot.lastTimestamp = cp.lastTimestampMillis();
            if (idleClock != null) {
                slot.lastSeenMillis = idleClock.millis(); // restored series get the idle time to report again
            }
            SeriesSlot old = slots.put(slot.id, slot);
            if (old != null) {
                synchronized (old) {
                    old.evicted = true;
                }
            }
        });
    }

    /** One series' saved state. */
    public record Checkpoint(DetectorState state, long lastTimestampMillis) {
        public Checkpoint {
            Objects.requireNonNull(state, "state");
        }
    }

    private static final class SeriesSlot {
        /** The series' one id, the table's key: an object's padding had room for it. */
        final SeriesId id;

        final Detector detector;
        long lastTimestamp = Long.MIN_VALUE;
        /** Clock time of the last scored sample (idle eviction); guarded by the slot's lock. */
        long lastSeenMillis = Long.MAX_VALUE;
        /** Set, under the lock, once the slot left the table: a sample that found it goes round again. */
        boolean evicted;

        SeriesSlot(SeriesId id, Detector detector) {
            this.id = id;
            this.detector = detector;
        }
    }

    /** Options for a {@link DetectionPipeline}. */
    public static final class Builder {
        private final DetectorFactory factory;
        private Function<SeriesId, DetectorSettings> settings = id -> DetectorSettings.defaults();
        private double threshold = 0.9;
        private int maxSeries = 100_000;
        private InstantSource clock;
        private Duration maxFuture;
        private InstantSource idleClock;
        private Duration idle;
        private Consumer<SeriesId> onEvicted = id -> {};

        private Builder(DetectorFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Per-series settings, for example the direction that matters for each metric. */
        public Builder settings(Function<SeriesId, DetectorSettings> perSeries) {
            this.settings = Objects.requireNonNull(perSeries);
            return this;
        }

        /** Scores at or above this become {@link AnomalyEvent}s. */
        public Builder anomalyThreshold(double t) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("anomaly threshold must be in (0, 1], got " + t);
            }
            this.threshold = t;
            return this;
        }

        /**
         * The most series held at once, bounding memory: beyond it, idle series are forgotten to
         * make room (with {@link #evictIdle}), or else the new series is dropped and counted.
         */
        public Builder maxSeries(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSeries must be >= 1, got " + n);
            }
            this.maxSeries = n;
            return this;
        }

        /**
         * Drops samples stamped more than {@code skew} ahead of {@code clock} (off unless set: a
         * replay of recorded data runs on its own time).
         */
        public Builder rejectFuture(InstantSource clock, Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("future skew must not be negative, got " + skew);
            }
            this.clock = Objects.requireNonNull(clock);
            this.maxFuture = skew;
            return this;
        }

        /**
         * Forgets series that have had no sample for {@code idle} by {@code clock} (off unless set).
         * Like Prometheus' head block dropping series that stopped, it keeps churn from holding
         * memory; a forgotten series that comes back starts learning again.
         */
        public Builder evictIdle(InstantSource clock, Duration idle) {
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("idle time must be positive, got " + idle);
            }
            this.idleClock = Objects.requireNonNull(clock);
            this.idle = idle;
            return this;
        }

        /** Told of each forgotten series (after it left the table), for state kept beside the pipeline. */
        public Builder onEvicted(Consumer<SeriesId> listener) {
            this.onEvicted = Objects.requireNonNull(listener);
            return this;
        }

        public DetectionPipeline build() {
            return new DetectionPipeline(this);
        }
    }
}
