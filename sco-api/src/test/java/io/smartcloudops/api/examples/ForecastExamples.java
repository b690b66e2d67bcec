package io.smartcloudops.api.examples;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.List;

/** The Javadoc examples of the {@code forecast} package and of {@link OpsView#forecast}; see {@link SpiExamples}. */
class ForecastExamples {

    private void say(String text) {}

    private void render(SeriesForecast forecast) {}

    void opsViewForecast(OpsView view, SeriesId disk) {
        // tag::OpsView.forecast[]
        view.forecast(disk, Duration.ofDays(1), 90.0).ifPresent(f -> render(f));
        // end::OpsView.forecast[]
    }

    void forecaster(Forecaster forecaster, OpsView view, SeriesId disk) {
        // tag::Forecaster[]
        SeriesForecast f = forecaster.forecast(disk, view.recentSamples(disk, 240), Duration.ofDays(1), 100.0);
        // end::Forecaster[]
    }

    String forecastPoint(SeriesForecast.Projection projection) {
        // tag::ForecastPoint[]
        ForecastPoint p = projection.points().get(projection.points().size() - 1);
        String text = p.mean() + " (80%: " + p.lower80() + "–" + p.upper80() + ")";
        // end::ForecastPoint[]
        return text;
    }

    double metricRange() {
        // tag::MetricRange[]
        MetricRange r = MetricRange.of(SeriesId.of("node_disk_used_percent")); // [0, 100]
        double shown = r.clamp(312.5); // 100.0
        // end::MetricRange[]
        return shown;
    }

    void seriesForecast(Forecaster forecaster, SeriesId disk, List<Sample> history) {
        // tag::SeriesForecast[]
        SeriesForecast f = forecaster.forecast(disk, history, Duration.ofDays(1), 100.0);
        if (f instanceof SeriesForecast.Refused r) {
            say(r.reason());
        } else if (f instanceof SeriesForecast.Projection p) {
            say(p.crossing()
                    .flatMap(ThresholdCrossing::at)
                    .map(t -> "reaches 100% at " + t)
                    .orElse("not within a day"));
        }
        // end::SeriesForecast[]
    }

    void thresholdCrossing(ThresholdCrossing crossing) {
        // tag::ThresholdCrossing[]
        crossing.at()
                .ifPresentOrElse(
                        t -> say("reaches 100% at " + t),
                        () -> say("not expected to reach 100% before " + crossing.horizonEnd()));
        // end::ThresholdCrossing[]
    }
}
