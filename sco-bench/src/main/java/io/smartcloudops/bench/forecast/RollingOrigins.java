package io.smartcloudops.bench.forecast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin evaluation (Tashman 2000): at each origin every method is trained on the same
 * window just before it and forecasts the {@link #HORIZONS} steps after it, never seeing the values
 * it is scored on. Each series gets the same number of origins, spread evenly over it, so long
 * series do not outweigh short ones. An origin whose scaling MAE is zero (a flat window, where MASE
 * is undefined) is skipped and counted.
 *
 * @param origins origins per series
 */
record RollingOrigins(int origins) {
    static final int[] HORIZONS = {1, 12, 48};

    /** The result of one group: per method, one {@link Accuracy} per horizon. */
    record Result(ForecastCorpus corpus, int series, int origins, int skipped, Map<String, Accuracy[]> accuracy) {}

    Result run(ForecastCorpus corpus, List<RegularSeries> series, List<ForecastMethod> methods) {
        int longest = Arrays.stream(HORIZONS).max().orElseThrow();
        Map<String, Accuracy[]> accuracy = new LinkedHashMap<>();
        for (ForecastMethod m : methods) {
            Accuracy[] perHorizon = new Accuracy[HORIZONS.length];
            Arrays.setAll(perHorizon, i -> new Accuracy());
            accuracy.put(m.name(), perHorizon);
        }
        int used = 0;
        int skipped = 0;
        for (RegularSeries s : series) {
            double[] x = s.values();
            for (int origin : origins(x.length, corpus.window(), longest)) {
                double[] train = Arrays.copyOfRange(x, origin - corpus.window(), origin);
                double scale = NaiveForecast.meanAbsoluteDifference(train, corpus.scaleLag());
                if (!(scale > 0)) {
                    skipped++;
                    continue;
                }
                used++;
                for (ForecastMethod m : methods) {
                    Prediction p = m.predict(train, s.stepMillis(), longest);
                    Accuracy[] perHorizon = accuracy.get(m.name());
                    for (int i = 0; i < HORIZONS.length; i++) {
                        int k = HORIZONS[i] - 1;
                        perHorizon[i].add(
                                x[origin + k],
                                p.mean()[k],
                                p.lower80()[k],
                                p.upper80()[k],
                                p.lower95()[k],
                                p.upper95()[k],
                                scale);
                    }
                }
            }
        }
        return new Result(corpus, series.size(), used, skipped, accuracy);
    }

    /** {@link #origins} origins from {@code window} to {@code length - horizon}, evenly spaced (fewer if the series is short). */
    int[] origins(int length, int window, int horizon) {
        int firstOrigin = window;
        int lastOrigin = length - horizon;
        if (lastOrigin < firstOrigin) {
            return new int[0];
        }
        int count = Math.min(origins, lastOrigin - firstOrigin + 1);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] =
                    count == 1 ? lastOrigin : firstOrigin + (int) ((long) (lastOrigin - firstOrigin) * i / (count - 1));
        }
        return out;
    }
}
