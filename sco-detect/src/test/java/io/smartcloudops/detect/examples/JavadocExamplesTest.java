package io.smartcloudops.detect.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.ensemble.DefaultEnsembleProvider;
import io.smartcloudops.detect.seasonal.Forecast;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * sco-detect's Javadoc examples are the compiled ones beside this test (Java in {@code DetectExamples}, the agent
 * settings in {@code src/test/resources/examples}), checked with sco-api's checker; the cheap ones run here. Paths
 * are relative to the module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/detect/examples"), Path.of("src/test/resources/examples"));
    private static final SeriesId DISK = SeriesId.of("node_disk_used_percent");

    private final DetectExamples examples = new DetectExamples();

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theDefaultDetectorAcceptsTheExampleSettings() throws IOException {
        DetectorFactory factory = new DefaultEnsembleProvider().create(context(defaultSettings()));

        assertThat(factory.name()).isEqualTo(detection().get("detector"));
        assertThat(factory.create(DISK, io.smartcloudops.api.detect.DetectorSettings.defaults())
                        .update(new Sample(DISK, 1_000, 40)))
                .isNotNull();
    }

    @Test
    void theDefaultDetectorRefusesTheExampleSettingsWithAMisspeltKey() throws IOException {
        Map<String, Object> settings = new HashMap<>(defaultSettings());
        settings.put("quiet_sample", settings.remove("quiet_samples"));

        assertThatThrownBy(() -> new DefaultEnsembleProvider().create(context(settings)))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void thePipelineExampleOffersTheAnomaliesOfTheBatch() {
        // scores a sample over 100 at 0.95, above the example's threshold 0.9
        Detector fake = new Detector() {
            @Override
            public Score update(Sample sample) {
                return new Score(sample.value() > 100 ? 0.95 : 0.1, 0, 0, 0, "fake", "");
            }

            @Override
            public io.smartcloudops.api.detect.DetectorState snapshot() {
                throw new UnsupportedOperationException();
            }
        };
        DetectorFactory factory = DetectorFactory.of("fake", (series, settings) -> fake, state -> fake);
        SampleBatch batch = new SampleBatch(
                "test",
                List.of(new Sample(DISK, 1_000, 50), new Sample(DISK, 2_000, 150), new Sample(DISK, 3_000, 60)));
        Queue<AnomalyEvent> alerts = new ConcurrentLinkedQueue<>();

        examples.detectionPipeline(factory, batch, alerts);

        assertThat(alerts).extracting(AnomalyEvent::timestampMillis).containsExactly(2_000L);
    }

    @Test
    void theSeasonalForecasterExampleCarriesARampOn() {
        // rises by 1 a sample up to 79: the next twelve forecasts go on rising, past the last value
        double[] ramp = IntStream.range(0, 80).asDoubleStream().toArray();

        List<Forecast> next = examples.seasonalForecaster(ramp);

        assertThat(next).hasSize(12).extracting(Forecast::mean).isSorted();
        assertThat(next.get(11).mean()).isGreaterThan(79.0);
    }

    @Test
    void theSeriesForecasterExampleProjectsAFillingDisk() {
        List<Sample> history = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            history.add(new Sample(DISK, i * 60_000L, 40 + i * 0.1));
        }

        SeriesForecast answer = examples.seasonalSeriesForecaster(DISK, history);

        assertThat(answer)
                .isInstanceOfSatisfying(
                        SeriesForecast.Projection.class,
                        p -> assertThat(p.series()).isEqualTo(DISK));
    }

    @Test
    void theScorerExamplesAreQuietBeforeTheyHaveLearntASeries() {
        assertThat(examples.anomalyLikelihood(5.0, 1.0)).isZero();
        assertThat(examples.oneClassSvm(7, 42.0)).isZero();
        assertThat(examples.calibratedScorer(5.0)).isBetween(0.0, 1.0);
        assertThat(examples.streamingIsolationForest(7, 42.0)).isBetween(0.0, 1.0);
    }

    private static ProviderContext context(Map<String, Object> settings) {
        return ProviderContext.builder()
                .config(ProviderConfig.of("detection.settings", settings))
                .build();
    }

    /** The settings the agent hands to the detector it names: {@code detection.settings}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaultSettings() throws IOException {
        return (Map<String, Object>) detection().get("settings");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detection() throws IOException {
        try (InputStream in = JavadocExamplesTest.class.getResourceAsStream("/examples/default-detector.yaml")) {
            Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) root.get("detection");
        }
    }
}
