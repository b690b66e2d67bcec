package io.smartcloudops.bench.report;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH result, reduced to what the report uses.
 *
 * @param benchmark the benchmark method's full name
 * @param params the {@code @Param} values of this result
 * @param error the 99.9% confidence half-width JMH reports (NaN with too few iterations)
 */
public record JmhRow(String benchmark, Map<String, String> params, double score, double error, String unit) {
    public JmhRow {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static List<JmhRow> of(Collection<RunResult> results) {
        return results.stream()
                .map(r -> {
                    Map<String, String> params = new TreeMap<>();
                    for (String key : r.getParams().getParamsKeys()) {
                        params.put(key, r.getParams().getParam(key));
                    }
                    var primary = r.getPrimaryResult();
                    return new JmhRow(
                            r.getParams().getBenchmark(),
                            params,
                            primary.getScore(),
                            primary.getScoreError(),
                            primary.getScoreUnit());
                })
                .toList();
    }

    public String param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException(
                    benchmark + " has no parameter '" + key + "'; it has " + params.keySet());
        }
        return v;
    }
}
