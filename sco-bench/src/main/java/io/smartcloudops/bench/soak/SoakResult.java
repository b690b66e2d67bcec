package io.smartcloudops.bench.soak;

import java.util.List;

/** A soak run's readings and the trends the report quotes. */
public record SoakResult(String detector, int series, double minutes, List<SoakSample> readings) {
    public SoakResult {
        readings = List.copyOf(readings);
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
