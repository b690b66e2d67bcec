package io.smartcloudops.bench.nab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constants a cross-validation may tune and the values it tries: the Cartesian product of
 * axes {@code KEY=v1,v2,...}. An empty grid has one point (the detector's defaults), so only the
 * threshold is chosen per fold.
 *
 * <pre>{@code
 * CvGrid grid = CvGrid.parse(List.of("echo=0.1,0.3,0.5", "refractory_half_life=50,150"));   // 6 points
 * }</pre>
 */
public record CvGrid(Map<String, List<String>> axes) {
    public CvGrid {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        axes.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("grid axis '" + k + "' has no values; write KEY=v1,v2");
            }
        });
    }

    /** Parses {@code KEY=v1,v2,...} axes. */
    public static CvGrid parse(List<String> axes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String a : axes) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new IllegalArgumentException("grid axis '" + a + "' is not KEY=v1,v2,...");
            }
            out.put(
                    a.substring(0, eq).trim(),
                    List.of(a.substring(eq + 1).split(",")).stream()
                            .map(String::trim)
                            .toList());
        }
        return new CvGrid(out);
    }

    /** Every combination, the first axis varying slowest. */
    public List<Map<String, String>> points() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(Map.of());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : axis.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    public int size() {
        return points().size();
    }
}
