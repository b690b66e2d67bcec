package io.smartcloudops.bench.forecast;

import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's forecaster, called as chat and the API call it: timed samples in, a
 * {@link SeriesForecast.Projection} out. The series' name carries no unit, so nothing is clamped to a
 * physical range the benchmark did not choose.
 */
final class ProductForecast implements ForecastMethod {
    /** A name that {@link io.smartcloudops.api.forecast.MetricRange#of} reads as unbounded. */
    static final SeriesId SERIES = SeriesId.of("forecast_bench_value");

    private static final long T0 = 1_600_000_000_000L;

    private final String name;
    private final Forecaster forecaster;

    ProductForecast(String name, Forecaster forecaster) {
        this.name = name;
        this.forecaster = forecaster;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prediction predict(double[] train, long stepMillis, int horizon) {
        List<Sample> history = new ArrayList<>(train.length);
        for (int i = 0; i < train.length; i++) {
            history.add(new Sample(SERIES, T0 + i * stepMillis, train[i]));
        }
        SeriesForecast f = forecaster.forecast(SERIES, history, Duration.ofMillis(horizon * stepMillis), Double.NaN);
        if (!(f instanceof SeriesForecast.Projection p)) {
            throw new IllegalStateException(
                    name + " refused " + train.length + " samples: " + ((SeriesForecast.Refused) f).reason());
        }
        if (p.points().size() != horizon) {
            // it thins long horizons to a few dozen points; the benchmark asks for horizons it states in full
            throw new IllegalStateException(name + " gave " + p.points().size() + " points for " + horizon + " steps");
        }
        double[] mean = new double[horizon];
        double[] l80 = new double[horizon];
        double[] u80 = new double[horizon];
        double[] l95 = new double[horizon];
        double[] u95 = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            ForecastPoint point = p.points().get(k);
            mean[k] = point.mean();
            l80[k] = point.lower80();
            u80[k] = point.upper80();
            l95[k] = point.lower95();
            u95[k] = point.upper95();
        }
        return new Prediction(mean, l80, u80, l95, u95);
    }
}
