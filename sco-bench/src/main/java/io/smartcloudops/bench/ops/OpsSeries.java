package io.smartcloudops.bench.ops;

import java.util.List;
import java.util.Objects;

/**
 * One generated operations series: sample times (epoch milliseconds, increasing, with gaps where
 * the source was down), values, and the labelled incidents.
 *
 * @param days the span the series covers, for false alarms per day
 */
public record OpsSeries(String name, long[] timestamps, double[] values, List<Incident> incidents, double days) {
    public OpsSeries {
        Objects.requireNonNull(name, "name");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException(
                    name + ": " + timestamps.length + " timestamps but " + values.length + " values");
        }
        timestamps = timestamps.clone();
        values = values.clone();
        incidents = List.copyOf(incidents);
    }

    @Override
    public long[] timestamps() {
        return timestamps.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int rows() {
        return values.length;
    }

    /** The timestamps themselves, not a copy: for searching them, never to be written. */
    long[] timestampsView() {
        return timestamps;
    }

    long time(int i) {
        return timestamps[i];
    }

    /**
     * A labelled incident: an alarm at a time in {@code [start, end]} finds it.
     *
     * @param kind what was injected: spike, level shift, variance burst, outage, drift
     */
    public record Incident(String kind, long start, long end) {
        public Incident {
            if (end < start) {
                throw new IllegalArgumentException("incident ends before it starts");
            }
        }

        boolean contains(long t) {
            return t >= start && t <= end;
        }
    }
}
