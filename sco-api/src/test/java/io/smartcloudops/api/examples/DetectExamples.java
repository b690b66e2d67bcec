package io.smartcloudops.api.examples;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javadoc examples of the {@code metric} and {@code detect} packages; see {@link SpiExamples}. */
class DetectExamples {
    private final Logger log = LoggerFactory.getLogger(DetectExamples.class);

    void seriesId() {
        // tag::SeriesId[]
        SeriesId cpu = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app"));
        // end::SeriesId[]
    }

    void labels() {
        // tag::Labels[]
        Labels l = Labels.of("host", "app", "mode", "user");
        l.get("host"); // "app"
        l.with("cpu", "0"); // a new Labels; l is unchanged
        // end::Labels[]
    }

    void sample(SeriesId cpu, InstantSource clock) {
        // tag::Sample[]
        Sample s = new Sample(cpu, clock.millis(), 42.5);
        // end::Sample[]
    }

    void sampleBatch(Sample s1, Sample s2) {
        // tag::SampleBatch[]
        SampleBatch batch = SampleBatch.of("host", List.of(s1, s2));
        // end::SampleBatch[]
    }

    void detector(DetectorFactory factory, SeriesId series, List<Sample> samples) {
        // tag::Detector[]
        Detector d = factory.create(series, DetectorSettings.defaults());
        for (Sample s : samples) {
            Score score = d.update(s);
        }
        DetectorState saved = d.snapshot(); // later: factory.restore(saved)
        // end::Detector[]
    }

    void detectorState(Detector detector, Path path) throws IOException {
        // tag::DetectorState[]
        DetectorState s = detector.snapshot();
        Files.write(path, s.bytes());
        // end::DetectorState[]
    }

    void detectorSettings() {
        // tag::DetectorSettings[]
        DetectorSettings s = DetectorSettings.defaults().withDirection(Direction.UP);
        // end::DetectorSettings[]
    }

    void detectorFactory(ProviderRegistry registry, ProviderContext context) {
        // tag::DetectorFactory[]
        DetectorFactory f = registry.provider(DetectorProvider.class, "default").create(context);
        Detector d = f.create(SeriesId.of("cpu"), DetectorSettings.defaults());
        // end::DetectorFactory[]
    }

    DetectorFactory detectorFactoryOf(ProviderConfig params) {
        // tag::DetectorFactory.of[]
        return DetectorFactory.of("mine", (series, settings) -> new MyDetector(params, settings), MyDetector::restore);
        // end::DetectorFactory.of[]
    }

    void score(Detector detector, Sample sample, Logger log) {
        // tag::Score[]
        Score s = detector.update(sample);
        if (s.value() > 0.9) log.warn("{} expected {} in [{}, {}]", s.reason(), s.expected(), s.lower(), s.upper());
        // end::Score[]
    }

    // tag::AnomalyEvent[]
    // what a listener of the loop (sco-runtime's OpsListener.onAnomaly) is given
    void onAnomaly(AnomalyEvent e) {
        log.warn("{} at {}: {}", e.series(), e.timestampMillis(), e.score().reason());
    }
    // end::AnomalyEvent[]
}
