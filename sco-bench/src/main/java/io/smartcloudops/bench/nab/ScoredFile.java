package io.smartcloudops.bench.nab;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A detector's anomaly scores for one NAB file, row by row in file order.
 *
 * @param relativePath the data file's path under the data directory, e.g. {@code realTweets/Twitter_volume_KO.csv}
 */
public record ScoredFile(String relativePath, List<LocalDateTime> timestamps, double[] scores) {
    public ScoredFile {
        Objects.requireNonNull(relativePath, "relativePath");
        timestamps = List.copyOf(timestamps);
        scores = scores.clone();
        if (timestamps.size() != scores.length) {
            throw new IllegalArgumentException(
                    relativePath + ": " + timestamps.size() + " timestamps but " + scores.length + " scores");
        }
        relativePath = CorpusLabels.normalise(relativePath);
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    double score(int row) {
        return scores[row];
    }

    int rows() {
        return scores.length;
    }
}
