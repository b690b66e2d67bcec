package io.smartcloudops.bench.detect;

import io.smartcloudops.bench.nab.NabSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAB files the cost benchmarks replay, one of each kind of signal (synthetic daily cycle with a
 * jump, EC2 CPU, taxi demand with weekly seasonality, bursty tweet counts), each cut to the same
 * length so that one replay is a fixed number of points: JMH divides by
 * {@code @OperationsPerInvocation}, which must be a constant.
 */
public final class RepresentativeSeries {
    public static final List<String> FILES = List.of(
            "artificialWithAnomaly/art_daily_jumpsup.csv",
            "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv",
            "realKnownCause/nyc_taxi.csv",
            "realTweets/Twitter_volume_AAPL.csv");
    /** Rows used from each file (the shortest has 4,032). */
    public static final int ROWS = 4000;
    /** Points in one replay of every file. */
    public static final int POINTS = 4 * ROWS;

    private RepresentativeSeries() {}

    /** The files' first {@link #ROWS} rows, in {@link #FILES} order. */
    public static List<NabSeries> load(Path dataDir) throws IOException {
        if (FILES.size() * ROWS != POINTS) {
            throw new IllegalStateException("POINTS must equal FILES x ROWS");
        }
        List<NabSeries> out = new ArrayList<>();
        for (String f : FILES) {
            NabSeries s = NabSeries.readFile(dataDir, f);
            if (s.rows() < ROWS) {
                throw new IOException(
                        f + " has " + s.rows() + " rows, fewer than the " + ROWS + " the benchmark replays");
            }
            double[] v = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                v[i] = s.value(i);
            }
            out.add(new NabSeries(f, s.timestamps().subList(0, ROWS), v));
        }
        return out;
    }
}
