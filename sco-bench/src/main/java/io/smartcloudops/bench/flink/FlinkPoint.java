package io.smartcloudops.bench.flink;

/**
 * One point of the Flink benchmark: sco-flink's operator with one state backend, series count and
 * parallelism, on a MiniCluster.
 *
 * @param backend Flink's state backend ({@code hashmap} keeps state on the heap, {@code rocksdb} on local disk)
 * @param samples samples scored in the throughput run (every series, {@code rounds} times)
 * @param seconds from the first scored sample to the last
 * @param checkpointSeconds the first checkpoint of the restored state, from trigger to completion
 * @param checkpointBytes that checkpoint's files (for RocksDB, incremental: the shared SST files it uploaded too)
 * @param heapBytes live heap the restored job holds beyond the idle cluster's (after a full collection); only the first
 *     point of a JVM reads it cleanly: a cancelled job's state is not all freed when its cluster closes, so a later
 *     point's idle figure can include an earlier point's state (and its heap figure come out low or negative)
 */
public record FlinkPoint(
        String backend,
        int series,
        int parallelism,
        long samples,
        double seconds,
        double checkpointSeconds,
        long checkpointBytes,
        long heapBytes) {
    public double samplesPerSecondPerSlot() {
        return samples / seconds / parallelism;
    }

    public double checkpointBytesPerSeries() {
        return checkpointBytes / (double) series;
    }

    public double heapBytesPerSeries() {
        return heapBytes / (double) series;
    }
}
