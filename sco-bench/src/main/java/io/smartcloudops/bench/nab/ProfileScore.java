package io.smartcloudops.bench.nab;

import java.util.List;

/**
 * A detector's NAB result under one profile.
 *
 * @param threshold the single threshold chosen for all files (1.1 means "never detect")
 * @param raw the summed score at that threshold
 * @param nullScore the raw score of NAB's null detector (a constant score)
 * @param perfect the raw score of detecting every window at its first row
 * @param normalised {@code 100 (raw - null) / (perfect - null)}, NAB's published figure
 */
public record ProfileScore(
        CostProfile profile,
        double threshold,
        double raw,
        double nullScore,
        double perfect,
        double normalised,
        List<FileScore> files) {
    public ProfileScore {
        files = List.copyOf(files);
    }
}
