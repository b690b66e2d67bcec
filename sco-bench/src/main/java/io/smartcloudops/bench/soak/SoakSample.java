package io.smartcloudops.bench.soak;

/**
 * One reading of a soak run.
 *
 * @param elapsedSeconds since the run started
 * @param cpuCores process CPU time over wall time since the previous reading (1.0 = one core busy)
 * @param liveHeapMiB heap in use right after a full collection
 * @param samples samples ingested so far
 * @param firing alerts firing now
 * @param lateTicks rounds so far that did not finish within their interval
 */
public record SoakSample(
        double elapsedSeconds, double cpuCores, double liveHeapMiB, long samples, int firing, long lateTicks) {}
