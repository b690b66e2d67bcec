package io.smartcloudops.detect.examples;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.forest.ForestParameters;
import io.smartcloudops.detect.forest.StreamingIsolationForest;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import io.smartcloudops.detect.likelihood.CalibratedScorer;
import io.smartcloudops.detect.likelihood.CalibrationParameters;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.detect.seasonal.Forecast;
import io.smartcloudops.detect.seasonal.ForecastingDetector;
import io.smartcloudops.detect.seasonal.SeasonalForecaster;
import io.smartcloudops.detect.seasonal.SeasonalParameters;
import io.smartcloudops.detect.seasonal.SeasonalSeriesForecaster;
import io.smartcloudops.detect.svm.FeatureMaps;
import io.smartcloudops.detect.svm.OneClassSvm;
import io.smartcloudops.detect.svm.SvmParameters;
import java.time.Duration;
import java.util.List;
import java.util.Queue;

/**
 * The Javadoc examples of sco-detect, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as they
 * are here, and runs them. Parameters are what an example takes as given.
 */
class DetectExamples {

    DetectionPipeline detectionPipeline(DetectorFactory factory, SampleBatch batch, Queue<AnomalyEvent> alerts) {
        // tag::DetectionPipeline[]
        DetectionPipeline p =
                DetectionPipeline.builder(factory).anomalyThreshold(0.9).build();
        for (ScoredSample s : p.ingest(batch.samples())) s.anomaly().ifPresent(alerts::offer);
        // end::DetectionPipeline[]
        return p;
    }

    double oneClassSvm(long seed, double x) {
        // tag::OneClassSvm[]
        OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), seed);
        double outside = svm.update(x); // > 0 outside the learnt support, 0 while training
        // end::OneClassSvm[]
        return outside;
    }

    OneClassSvm[] featureMaps() {
        // tag::FeatureMaps[]
        FeatureMaps maps = new FeatureMaps();
        OneClassSvm a = new OneClassSvm(SvmParameters.defaults(), 42, maps);
        OneClassSvm b = new OneClassSvm(SvmParameters.defaults(), 42, maps); // shares a's frequencies
        // end::FeatureMaps[]
        return new OneClassSvm[] {a, b};
    }

    List<Forecast> seasonalForecaster(double[] history) {
        // tag::SeasonalForecaster[]
        SeasonalForecaster f = new SeasonalForecaster(SeasonalParameters.defaults());
        for (double x : history) f.update(x);
        List<Forecast> next = f.forecast(12);
        // end::SeasonalForecaster[]
        return next;
    }

    SeriesForecast seasonalSeriesForecaster(SeriesId disk, List<Sample> history) {
        // tag::SeasonalSeriesForecaster[]
        Forecaster f = new SeasonalSeriesForecaster();
        SeriesForecast answer = f.forecast(disk, history, Duration.ofDays(1), 100.0);
        // end::SeasonalSeriesForecaster[]
        return answer;
    }

    void forecastingDetector(Detector detector) {
        // tag::ForecastingDetector[]
        if (detector instanceof ForecastingDetector f) {
            List<Forecast> next = f.forecast(12); // the next twelve samples, with prediction intervals
        }
        // end::ForecastingDetector[]
    }

    double calibratedScorer(double raw) {
        // tag::CalibratedScorer[]
        CalibratedScorer c = new CalibratedScorer(CalibrationParameters.defaults());
        double score = c.score(raw); // in [0, 1]; 0.95 at a one-in-1,400 surprise
        // end::CalibratedScorer[]
        return score;
    }

    double anomalyLikelihood(double residual, double scale) {
        // tag::AnomalyLikelihood[]
        AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
        double surprise = l.surprisal(Math.abs(residual) / scale); // 3.0 means a one-in-a-thousand event
        // end::AnomalyLikelihood[]
        return surprise;
    }

    double streamingIsolationForest(long seed, double x) {
        // tag::StreamingIsolationForest[]
        StreamingIsolationForest f = new StreamingIsolationForest(ForestParameters.defaults(), seed);
        double s = f.update(x); // isolation score in (0, 1); above 0.5 is easier to isolate than usual
        // end::StreamingIsolationForest[]
        return s;
    }
}
