package io.smartcloudops.detect.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Scenarios every calibrated named detector ({@code iforest}, {@code ocsvm}, {@code seasonal}) must
 * pass: reading the golden state its first version wrote, and reporting each of many incidents in one
 * long series at the shipped threshold.
 */
public final class NamedDetectorScenarios {
    /** The threshold the agent ships with. */
    public static final double SHIPPED = 0.95;
    /** Samples the golden fixtures were written after, and the series they saw. */
    public static final int FIXTURE_SAMPLES = 1500;

    private static final SeriesId SERIES = SeriesId.of("golden_series");

    private NamedDetectorScenarios() {}

    /** The golden fixtures' series (as the default's): a sine with Gaussian noise, a minute apart, a spike at 1200. */
    public static double[] goldenValues(int n) {
        SplittableRandom r = new SplittableRandom(2026);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + 10 * Math.sin(i * 2 * Math.PI / 96) + r.nextGaussian() * 2 + (i == 1200 ? 80 : 0);
        }
        return v;
    }

    public static byte[] fixture(Class<?> beside, String name) throws IOException {
        try (InputStream in = beside.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /**
     * Two detectors {@code factory} restores from one snapshot share each of their parameter records
     * (issue #15), and score exactly as one restored on its own ({@code alone}, unshared copies) does.
     */
    public static void restoredDetectorsShareParametersAndScoreAsBefore(
            DetectorFactory factory,
            Function<DetectorState, Detector> alone,
            Function<Detector, List<Record>> parameters) {
        double[] v = goldenValues(2500);
        Detector d = factory.create(SERIES, DetectorSettings.defaults());
        for (int i = 0; i < FIXTURE_SAMPLES; i++) {
            d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i]));
        }
        DetectorState state = d.snapshot();
        Detector a = factory.restore(state);
        Detector b = factory.restore(state);
        Detector unshared = alone.apply(state);
        List<Record> shared = parameters.apply(a);
        assertThat(parameters.apply(unshared)).isEqualTo(shared);
        for (int m = 0; m < shared.size(); m++) {
            assertThat(parameters.apply(b).get(m)).isSameAs(shared.get(m));
            assertThat(parameters.apply(unshared).get(m)).isNotSameAs(shared.get(m));
        }
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i] + (i == 2200 ? 80 : 0));
            double expected = unshared.update(s).value();
            assertThat(a.update(s).value()).isEqualTo(expected);
            assertThat(b.update(s).value()).isEqualTo(expected);
        }
        assertThat(a.snapshot().bytes()).isEqualTo(unshared.snapshot().bytes());
    }

    /** {@link #readsOldStateAndReportsTheNextIncident(DetectorFactory, String, int, byte[], int)} of a version 1 fixture. */
    public static void readsOldStateAndReportsTheNextIncident(
            DetectorFactory factory, String name, byte[] fixture, int current) {
        readsOldStateAndReportsTheNextIncident(factory, name, 1, fixture, current);
    }

    /**
     * Restores {@code fixture} (written by {@code version} after {@link #FIXTURE_SAMPLES} golden samples),
     * goes on with the golden series with a spike at 2200, and checks the spike stands out, the detector
     * now writes {@code current}, and that state reads back byte for byte.
     */
    public static void readsOldStateAndReportsTheNextIncident(
            DetectorFactory factory, String name, int version, byte[] fixture, int current) {
        Detector d = factory.restore(new DetectorState(name, version, fixture));
        double[] v = goldenValues(2500);
        double quietMax = 0;
        double spike = 0;
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i] + (i == 2200 ? 80 : 0)))
                    .value();
            assertThat(s).isBetween(0.0, 1.0);
            if (i == 2200) {
                spike = s;
            } else if (i > 2000 && i < 2200) {
                quietMax = Math.max(quietMax, s);
            }
        }
        assertThat(spike).isGreaterThan(quietMax);
        DetectorState now = d.snapshot();
        assertThat(now.version()).isEqualTo(current);
        assertThat(factory.restore(now).snapshot().bytes()).isEqualTo(now.bytes());
    }

    /** What {@link #incidentsAtTheShippedThreshold} saw. */
    public record Incidents(int incidents, int found, int quietAlarms, double firstScore, double quietMax) {}

    /** Samples of the quiet stretches {@link #incidentsAtTheShippedThreshold} counts alarms on. */
    public static final int QUIET_SAMPLES = 7 * 899;

    /**
     * The quiet alarms a detector alarming at the rate the shipped threshold stands for (one in {@link
     * CalibratedScorer#SHIPPED_ALARM_SAMPLES} samples of normal behaviour) raises on them: 4.
     */
    public static int quietAlarmsAtTheShippedRate() {
        return QUIET_SAMPLES / CalibratedScorer.SHIPPED_ALARM_SAMPLES;
    }

    /**
     * A week of 1-minute samples (a daily sine, noise of sd 2) with a three-sample spike of +60 every
     * 1,000 samples after the first 3,000: how many spikes score at least the shipped threshold within
     * five samples of their start, and how many samples of the stretches between them (away from the
     * spikes' aftermath) do.
     */
    public static Incidents incidentsAtTheShippedThreshold(DetectorFactory factory) {
        return incidentsAtTheShippedThreshold(factory, 7);
    }

    /** {@link #incidentsAtTheShippedThreshold(DetectorFactory)} with a detector of {@code seed}. */
    public static Incidents incidentsAtTheShippedThreshold(DetectorFactory factory, long seed) {
        Detector d = factory.create(SERIES, DetectorSettings.defaults().withSeed(seed));
        SplittableRandom r = new SplittableRandom(99);
        int incidents = 0;
        int found = 0;
        int quietAlarms = 0;
        double best = 0;
        double first = 0;
        double quietMax = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean spike = i >= 3000 && i % 1000 < 3;
            double x = 100 + 20 * Math.sin(i * 2 * Math.PI / 1440) + r.nextGaussian() * 2 + (spike ? 60 : 0);
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, x))
                    .value();
            if (i >= 3000 && i % 1000 < 5) {
                best = Math.max(best, s);
                if (i % 1000 == 4) {
                    incidents++;
                    found += best >= SHIPPED ? 1 : 0;
                    first = incidents == 1 ? best : first;
                    best = 0;
                }
            } else if (i >= 3000 && i % 1000 > 100) {
                quietAlarms += s >= SHIPPED ? 1 : 0;
                quietMax = Math.max(quietMax, s);
            }
        }
        return new Incidents(incidents, found, quietAlarms, first, quietMax);
    }

    /** The size of the state {@code factory}'s detector writes after {@code samples}. */
    public static int stateBytesAfter(DetectorFactory factory, List<Sample> samples) {
        Detector d = factory.create(SERIES, DetectorSettings.defaults());
        samples.forEach(d::update);
        return d.snapshot().bytes().length;
    }

    /** {@code provider} takes a {@code calibration} section, and names an unknown key in it. */
    public static void readsItsCalibrationSectionAndRejectsUnknownKeysThere(DetectorProvider provider) {
        String path = "detectors." + provider.name();
        ProviderContext tuned = ProviderContext.builder()
                .config(ProviderConfig.of(path, Map.of("calibration", Map.of("tail_quantile", 0.98, "memory", 2000))))
                .build();
        assertThat(provider.create(tuned).create(SERIES, DetectorSettings.defaults()))
                .isNotNull();
        ProviderContext wrong = ProviderContext.builder()
                .config(ProviderConfig.of(path, Map.of("calibration", Map.of("quantile", 0.98))))
                .build();
        assertThatThrownBy(() -> provider.create(wrong))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quantile");
    }
}
