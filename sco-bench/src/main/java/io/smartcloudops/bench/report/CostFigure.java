package io.smartcloudops.bench.report;

/**
 * Issue #3's per-point cost of one detector.
 *
 * @param nsPerPoint mean nanoseconds per update + score
 * @param errorNs JMH's 99.9% confidence half-width
 */
public record CostFigure(String detector, double nsPerPoint, double errorNs) {

    /** From a {@code DetectorCostBenchmark} result (nanoseconds per operation, one operation per point). */
    public static CostFigure of(JmhRow row) {
        if (!row.unit().equals("ns/op")) {
            throw new IllegalArgumentException("expected ns/op from " + row.benchmark() + ", got " + row.unit());
        }
        return new CostFigure(row.param("detector"), row.score(), row.error());
    }
}
