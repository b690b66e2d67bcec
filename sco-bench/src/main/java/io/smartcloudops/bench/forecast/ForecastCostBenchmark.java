package io.smartcloudops.bench.forecast;

import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.seasonal.SeasonalSeriesForecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #14: the cost of one forecast call as chat and the API make it, the fit included (the
 * forecaster is stateless and fits afresh each call). Three shapes of question:
 * <ul>
 *   <li>{@code fresh}: a freshly started agent's 60 samples 5 s apart, "when does the disk reach
 *       100% within 24 h?" (17,280 steps of horizon searched for the crossing);</li>
 *   <li>{@code raw}: the 240 raw samples the agent keeps a series, 1 minute apart, 4 hours ahead;</li>
 *   <li>{@code hourly}: three weeks and a day of hourly means (daily season), two days ahead.</li>
 * </ul>
 * The result is microseconds per call.
 *
 * <p>{@code java -cp sco-bench.jar org.openjdk.jmh.Main ForecastCostBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecastCostBenchmark {
    private static final SeriesId DISK = SeriesId.of("node_disk_used_percent");
    private static final long T0 = 1_700_000_000_000L;

    @Param({"fresh", "raw", "hourly"})
    public String question;

    private final Forecaster forecaster = new SeasonalSeriesForecaster();
    private List<Sample> history;
    private Duration horizon;
    private double threshold;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        switch (question) {
            case "fresh" -> {
                history = series(60, 5_000, i -> 80 + 24.0 / 17_280 * i + 0.02 * rnd.nextGaussian());
                horizon = Duration.ofHours(24);
                threshold = 100;
            }
            case "raw" -> {
                history = series(
                        240, 60_000, i -> 60 + 0.01 * i + 2 * Math.sin(2 * Math.PI * i / 30) + rnd.nextGaussian());
                horizon = Duration.ofHours(4);
                threshold = 90;
            }
            case "hourly" -> {
                history = series(
                        21 * 24 + 24,
                        3_600_000,
                        i -> 50 + 10 * Math.sin(2 * Math.PI * i / 24) + 2 * rnd.nextGaussian());
                horizon = Duration.ofDays(2);
                threshold = 90;
            }
            default -> throw new IllegalArgumentException("question must be fresh, raw or hourly, got " + question);
        }
    }

    private static List<Sample> series(int n, long stepMillis, IntToDoubleFunction value) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Sample(DISK, T0 + i * stepMillis, value.applyAsDouble(i)));
        }
        return out;
    }

    @Benchmark
    public SeriesForecast forecast() {
        return forecaster.forecast(DISK, history, horizon, threshold);
    }
}
