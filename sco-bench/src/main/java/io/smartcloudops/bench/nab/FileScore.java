package io.smartcloudops.bench.nab;

/**
 * One file's share of a profile's raw score at the chosen threshold.
 *
 * @param detectedWindows scorable windows with at least one detection
 * @param windows windows with at least one scorable row
 * @param falsePositives detections outside every window
 */
public record FileScore(String relativePath, double score, int detectedWindows, int windows, int falsePositives) {}
