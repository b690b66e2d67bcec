package io.smartcloudops.bench.report;

/** Issue #3's throughput: samples per second through the pipeline over {@code series} series. */
public record ThroughputFigure(String detector, int series, double samplesPerSecond, double error) {

    /** From a {@code SeriesThroughputBenchmark} result (operations per second, one sample per operation). */
    public static ThroughputFigure of(JmhRow row) {
        if (!row.unit().equals("ops/s")) {
            throw new IllegalArgumentException("expected ops/s from " + row.benchmark() + ", got " + row.unit());
        }
        return new ThroughputFigure(
                row.param("detector"), Integer.parseInt(row.param("series")), row.score(), row.error());
    }
}
