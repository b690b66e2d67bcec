package io.smartcloudops.bench.soak;

import java.time.Duration;
import java.util.List;

/**
 * A soak run's readings and the trends the report quotes.
 *
 * @param interval time between a series' samples (one round of every series per interval)
 * @param checkpointSeconds how long the agent took to write its detector checkpoint at stop; NaN when not measured
 * @param checkpointBytes that checkpoint file's size; 0 when not measured
 */
public record SoakResult(
        String detector,
        int series,
        double minutes,
        Duration interval,
        List<SoakSample> readings,
        double checkpointSeconds,
        long checkpointBytes) {
    public SoakResult {
        readings = List.copyOf(readings);
    }

    /** A run at one sample per second per series whose checkpoint was not measured. */
    public SoakResult(String detector, int series, double minutes, List<SoakSample> readings) {
        this(detector, series, minutes, Duration.ofSeconds(1), readings, Double.NaN, 0);
    }

    /** Checkpoint bytes per series: what one series costs to persist. */
    public double checkpointBytesPerSeries() {
        return checkpointBytes / (double) series;
    }

    /** Least-squares slope of the live heap over the readings after the first, in MiB per minute. */
    public double heapSlopeMiBPerMinute() {
        return slope(readings.stream().skip(1).toList(), true);
    }

    /** Least-squares slope of CPU use over the readings, in cores per minute. */
    public double cpuSlopePerMinute() {
        return slope(readings, false);
    }

    public double meanCpuCores() {
        return readings.stream().mapToDouble(SoakSample::cpuCores).average().orElse(Double.NaN);
    }

    private static double slope(List<SoakSample> points, boolean heap) {
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (SoakSample s : points) {
            mx += s.elapsedSeconds() / 60;
            my += heap ? s.liveHeapMiB() : s.cpuCores();
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (SoakSample s : points) {
            double dx = s.elapsedSeconds() / 60 - mx;
            sxy += dx * ((heap ? s.liveHeapMiB() : s.cpuCores()) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
