package io.smartcloudops.bench.nab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grids each detector is cross-validated over when none is given on the command line. A grid is
 * kept small on purpose: every axis is a chance to fit the development files, and leave-one-category-out
 * says how much of that was fitting.
 */
final class CvGrids {
    /**
     * The named detectors' tuned constants: the tail fit's quantile and memory in their {@code
     * calibration} section (the gate's constants are the default's and not tuned again).
     */
    private static final List<String> NAMED_CALIBRATION =
            List.of("calibration.tail_quantile=0.98,0.99,0.995", "calibration.memory=2000,10000");

    /**
     * The default ensemble's tuned constants: how long the memory of a reported surprise lasts
     * ({@code refractory_half_life}, samples) and how much of a smaller surprise still gets through
     * ({@code echo}).
     */
    private static final Map<String, List<String>> DECLARED = Map.of(
            "default",
            List.of("refractory_half_life=50,150,450", "echo=0.1,0.3,0.6"),
            "iforest",
            NAMED_CALIBRATION,
            "seasonal",
            NAMED_CALIBRATION,
            "ocsvm",
            List.of("relearn_every=600,2400", NAMED_CALIBRATION.get(0), NAMED_CALIBRATION.get(1)));

    private CvGrids() {}

    /** The axes given as {@code DETECTOR.KEY=values} for {@code detector}, or the declared ones when none is given for it. */
    static CvGrid forDetector(String detector, List<String> given) {
        List<String> mine = new ArrayList<>();
        for (String axis : given) {
            if (axis.startsWith(detector + ".")) {
                mine.add(axis.substring(detector.length() + 1));
            }
        }
        return CvGrid.parse(mine.isEmpty() ? DECLARED.getOrDefault(detector, List.of()) : mine);
    }
}
