package io.smartcloudops.bench.nab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NAB evaluation's scores, keyed by detector then profile name.
 *
 * @param ours our detectors, in the order they ran
 * @param references the published detectors' results, rescored on the same files
 * @param microsPerRow wall time per row of each of our detectors, results files written included
 * @param atShipped our detectors scored at the threshold the agent ships with, not the best one
 */
public record NabOutcome(
        List<CostProfile> profiles,
        int files,
        Map<String, Map<String, ProfileScore>> ours,
        Map<String, Map<String, ProfileScore>> references,
        Map<String, Double> microsPerRow,
        Map<String, Map<String, ProfileScore>> atShipped) {
    public NabOutcome {
        profiles = List.copyOf(profiles);
        ours = Collections.unmodifiableMap(new LinkedHashMap<>(ours));
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        microsPerRow = Collections.unmodifiableMap(new LinkedHashMap<>(microsPerRow));
        atShipped = Collections.unmodifiableMap(new LinkedHashMap<>(atShipped));
    }
}
