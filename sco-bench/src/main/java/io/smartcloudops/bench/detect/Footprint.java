package io.smartcloudops.bench.detect;

/**
 * What one series costs in memory under one detector.
 *
 * @param heapBytesPerSeries live heap added by the fleet (after full collections), divided by its size
 * @param checkpointMeanBytes mean snapshot size of a warmed state: what a checkpoint writes per series
 * @param checkpointMaxBytes the largest warmed snapshot
 */
public record Footprint(
        String detector, int series, double heapBytesPerSeries, double checkpointMeanBytes, int checkpointMaxBytes) {}
