package io.smartcloudops.bench.report;

import io.smartcloudops.bench.nab.NabOutcome;
import io.smartcloudops.bench.nab.ProfileScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One detector's normalised NAB scores by profile name.
 *
 * @param published true for the reference detectors' published results, rescored here
 */
public record NabFigure(String detector, boolean published, Map<String, Double> scores) {
    public NabFigure {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** Ours first, then the published ones. */
    public static List<NabFigure> of(NabOutcome outcome) {
        List<NabFigure> out = new ArrayList<>();
        outcome.ours().forEach((d, s) -> out.add(new NabFigure(d, false, normalised(s))));
        outcome.references().forEach((d, s) -> out.add(new NabFigure(d, true, normalised(s))));
        return out;
    }

    private static Map<String, Double> normalised(Map<String, ProfileScore> byProfile) {
        Map<String, Double> m = new LinkedHashMap<>();
        byProfile.forEach((p, s) -> m.put(p, s.normalised()));
        return m;
    }
}
